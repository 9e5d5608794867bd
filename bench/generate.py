"""Generate realistic wire articles from templates, at any size, deterministically.

    python bench/generate.py OUT_DIR --articles 1000 [--seed 1]

Each article belongs to a story of three articles about one Ukrainian town or
village of the gazetteer (a few places draw most stories, as on a real front);
sources, frames (fronted content, quote-first, "according to", pronoun
follow-ups, denials, admissions, counts), dates and numbers vary, at about 40
articles a day.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tomllib
from pathlib import Path

RUSSIA = [
    "Russia's defence ministry",
    "The Kremlin",
    "Russia's General Staff",
    "Moscow",
    "Kremlin spokesman Dmitry Peskov",
    "Belgorod Governor Vyacheslav Gladkov",
    "Russian military bloggers",
    "officials installed by Moscow",
]
UKRAINE = [
    "Ukraine's General Staff",
    "Ukraine's air force",
    "President Volodymyr Zelensky",
    "Kyiv",
    "Ukraine's Khortytsia group of forces",
    "Ukrainian officials",
    "Kharkiv Governor Oleh Syniehubov",
    "Deputy Defence Minister Hanna Maliar",
]
MONITORS = ["The Institute for the Study of War", "The UN human rights monitoring mission in Ukraine"]
LEXICON_PLACES = Path(__file__).resolve().parent.parent / "claimtrack" / "lexicon" / "places.toml"
ARTICLES_PER_DAY = 40  # roughly a wire service's daily output on one war


def front_line_places() -> list[str]:
    """Ukrainian towns and villages of the shipped gazetteer: the places stories are about."""
    data = tomllib.loads(LEXICON_PLACES.read_text(encoding="utf-8"))
    return sorted(
        p["name"] for p in data["place"] if p.get("country") == "Ukraine" and p.get("kind") in ("town", "village")
    )


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _sentences(rng: random.Random, place: str, day: str) -> list[str]:
    ru, ua, monitor = rng.choice(RUSSIA), rng.choice(UKRAINE), rng.choice(MONITORS)
    n = rng.randint(5, 400)
    frames = [
        f"{ru} said on {day} that its forces had taken full control of {place}.",
        f"Fighting is still under way inside {place}, {ua.lower() if ua[0:3] == 'Ukr' else ua} said.",
        f'"Our units are holding their positions near {place}," {ua} said in a statement.',
        f"According to {ru}, {n} Ukrainian drones were shot down over the region overnight.",
        f"{ua} said {n // 2} Russian drones had been launched at the country overnight, of which {n // 3} were "
        "destroyed.",
        f"{ru} announced that a Ukrainian counteroffensive near {place} had been thwarted.",
        f"{ua} said its troops had withdrawn from {place} to better defensive positions.",
        f"{monitor} said Russian forces had likely captured {place}.",
        f"{ua} told reporters the Russian statement was untrue.",
        f"{ru} reported that {n} Ukrainian soldiers had been killed near {place} in the past day.",
        f"Residents of {place} said the shelling had lasted several hours.",
        f"{ua} said on {day} that new assaults had advanced south of {place}.",
    ]
    chosen = rng.sample(frames, k=rng.randint(5, 8))
    follow = (
        "He said the situation remained difficult." if rng.random() < 0.3 else "It added that the fighting continued."
    )
    narration = f"{place} had about {rng.randint(2, 90)},000 residents before the war."
    return [*chosen[:3], follow, *chosen[3:], narration]


def generate(out: Path, articles: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    places = front_line_places()
    rng.shuffle(places)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(places))]  # a few places hold most of the news
    start = dt.date(2022, 3, 1)
    paths = []
    place = places[0]
    for i in range(articles):
        if i % 3 == 0:  # a story runs for three articles
            place = rng.choices(places, weights)[0]
        published = start + dt.timedelta(days=i // ARTICLES_PER_DAY)
        day = WEEKDAYS[(published.weekday() - rng.randint(0, 2)) % 7]
        body = "\n\n".join(_sentences(rng, place, day))
        front = f"title: Fighting around {place}, article {i}\npublished: {published}\noutlet: Bench Wire {i % 7}"
        text = f"---\n{front}\n---\n{body}\n"
        path = out / f"{i:07d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = generate(args.out, args.articles, args.seed)
    print(f"{len(paths)} articles in {args.out}")


if __name__ == "__main__":
    main()
