"""Specification tests: the 37 attribution frames of /work/shared/PATTERNS.md.

Every sentence here is invented for the test (wire-copy style); none is copied
from the dev corpus or the seed. Each table case is a one- or two-sentence
article and the set of (source, stance) pairs the extractor must return for it.

Sources are compared loosely: an expected source string matches a claim when it
equals (casefold) the claim's `source_text` or `actor`, or is contained in its
`source_text`. Expected and returned claims must pair off one to one.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import permutations

import pytest

from claimtrack.extract import explain_sentence, extract_claims
from claimtrack.lexicon import load_lexicon
from claimtrack.models import Article, Claim, Stance

A, D, C = Stance.ASSERT, Stance.DENY, Stance.CONFIRM
PUBLISHED = dt.date(2024, 3, 5)


def claims_of(text: str, published: dt.date = PUBLISHED) -> list[Claim]:
    return extract_claims(Article(body=text, published=published), load_lexicon())


def source_matches(expected: str, claim: Claim) -> bool:
    wanted = expected.casefold()
    return (
        wanted == claim.source_text.casefold()
        or wanted == claim.actor.casefold()
        or wanted in claim.source_text.casefold()
    )


def pairs_off(claims: list[Claim], expected: list[tuple[str, Stance]]) -> bool:
    if len(claims) != len(expected):
        return False
    for order in permutations(claims):
        if all(
            source_matches(src, claim) and claim.stance == stance
            for (src, stance), claim in zip(expected, order, strict=True)
        ):
            return True
    return False


def describe(claims: list[Claim]) -> list[tuple[str, str, str, str]]:
    return [(c.source_text, c.actor, c.stance.value, c.sentence.text) for c in claims]


def assert_claims(text: str, expected: list[tuple[str, Stance]], published: dt.date = PUBLISHED) -> list[Claim]:
    claims = claims_of(text, published)
    assert pairs_off(claims, expected), (
        f"\ntext:     {text!r}\nexpected: {[(s, st.value) for s, st in expected]}\ngot:      {describe(claims)}"
    )
    return claims


FRAMES = [
    # ---- 1. Subject + speech verb + clause (indirect, no "that") ----------------
    pytest.param(
        "Ukraine's air force said it had shot down 22 of 27 drones launched overnight over the Odesa region.",
        [("Ukrainian Air Force", A)],
        id="f01-air-force-said",
    ),
    pytest.param(
        "Poland's army said a Russian missile crossed its airspace for 39 seconds near Hrubieszow.",
        [("Poland's army", A)],
        id="f01-poland-army-said",
    ),
    pytest.param(
        "The Israeli military said its jets struck 40 targets in southern Lebanon overnight.",
        [("Israeli military", A)],
        id="f01-israeli-military-said",
    ),
    # ---- 2. ... with "that" --------------------------------------------------------
    pytest.param(
        "The Kremlin said that Putin had no plans to meet the Ukrainian delegation in Istanbul.",
        [("Kremlin", A)],
        id="f02-kremlin-said-that",
    ),
    pytest.param(
        "Romania's defence ministry said that drone fragments were found near the village of Plauru.",
        [("Romania's defence ministry", A)],
        id="f02-romania-said-that",
    ),
    pytest.param(
        "Hamas said that six of its fighters were killed in clashes east of Khan Younis.",
        [("Hamas", A)],
        id="f02-hamas-said-that",
    ),
    # ---- 3. Fronted content + comma + source + verb ----------------------------------
    pytest.param(
        "Fifteen apartment blocks were damaged in the overnight attack, the regional governor said.",
        [("regional governor", A)],
        id="f03-fronted-regional-governor",
    ),
    pytest.param(
        "Power was cut to 40,000 homes in the Sumy region, Ukrenergo said on Tuesday.",
        [("Ukrenergo", A)],
        id="f03-fronted-ukrenergo",
    ),
    pytest.param(
        "The ship was hit twice and is listing badly, a Ukrainian navy spokesman told reporters.",
        [("Ukrainian Navy", A)],
        id="f03-fronted-navy-spokesman",
    ),
    # ---- 4. Fronted content + inverted verb-first attribution ------------------------
    pytest.param(
        "Two bridges over the Oskil river were destroyed, said a spokesman for the eastern group of forces.",
        [("spokesman for the eastern group of forces", A)],
        id="f04-inverted-spokesman-for",
    ),
    pytest.param(
        "The evacuation train left Pokrovsk on time, said Oleksiy Kuleba, Ukraine's deputy prime minister.",
        [("Oleksiy Kuleba", A)],
        id="f04-inverted-kuleba",
    ),
    pytest.param(
        "Nobody was hurt in the blast at the fuel depot, said Vyacheslav Gladkov, governor of the Belgorod region.",
        [("Vyacheslav Gladkov", A)],
        id="f04-inverted-gladkov",
    ),
    # ---- 5. Direct quote, attribution after -----------------------------------------
    pytest.param(
        '"We pushed them back across the Vovcha river," the battalion commander told reporters.',
        [("battalion commander", A)],
        id="f05-quote-first-commander",
    ),
    pytest.param(
        '"Our units are holding the line near Toretsk," Syrskyi said on Monday.',
        [("Oleksandr Syrskyi", A)],
        id="f05-quote-first-syrskyi",
    ),
    pytest.param(
        "“The maternity ward was struck twice within ten minutes,” a doctor at the hospital said.",
        [("doctor", A)],
        id="f05-quote-first-curly-doctor",
    ),
    # ---- 6. Direct quote, inverted --------------------------------------------------
    pytest.param(
        '"The dam is holding for now," said Ihor Terekhov, the mayor of Kharkiv.',
        [("Ihor Terekhov", A)],
        id="f06-quote-inverted-terekhov",
    ),
    pytest.param(
        '"We are running out of shells," said a company commander who gave only his call sign, Bear.',
        [("company commander", A)],
        id="f06-quote-inverted-call-sign",
    ),
    pytest.param(
        "“Nothing is left of the market,” said Larysa Hnatiuk, a 63-year-old resident of Kupiansk.",
        [("Larysa Hnatiuk", A)],
        id="f06-quote-inverted-resident",
    ),
    # ---- 7. Attribution, colon, direct quote ----------------------------------------
    pytest.param(
        'The defence minister said: "Our air defences are working around the clock."',
        [("defence minister", A)],
        id="f07-colon-minister",
    ),
    pytest.param(
        'Zelensky wrote on X: "Russia launched more than 70 missiles at our energy system tonight."',
        [("Volodymyr Zelensky", A)],
        id="f07-colon-zelensky-x",
    ),
    pytest.param(
        'Kallas told reporters in Brussels: "Moscow is not interested in peace."',
        [("Kaja Kallas", A)],
        id="f07-colon-kallas",
    ),
    # ---- 8. Parenthetical cue inside the content ------------------------------------
    pytest.param(
        "The convoy, the ministry said, was carrying ammunition to the front near Vuhledar.",
        [("ministry", A)],
        id="f08-parenthetical-ministry",
    ),
    pytest.param(
        "The attack, Gladkov said, damaged a power substation and two houses in Shebekino.",
        [("Vyacheslav Gladkov", A)],
        id="f08-parenthetical-gladkov",
    ),
    pytest.param(
        "Most of the drones, the air force added, were downed over the Kyiv region.",
        [("air force", A)],
        id="f08-parenthetical-added",
    ),
    # ---- 9. Split direct quote across the cue ---------------------------------------
    pytest.param(
        '"They came at dawn," Kravets said, "and shelled the school first."',
        [("Kravets", A)],
        id="f09-split-quote-kravets",
    ),
    pytest.param(
        '"The bridge is gone," Gladkov said, "but the ferry is still running."',
        [("Vyacheslav Gladkov", A)],
        id="f09-split-quote-gladkov",
    ),
    pytest.param(
        "“We are holding Chasiv Yar,” the brigade commander said on Sunday, “whatever it costs.”",
        [("brigade commander", A)],
        id="f09-split-quote-curly",
    ),
    pytest.param(
        "“We will not give up Chasiv Yar,” the brigade commander said on Sunday.",
        [],
        id="f09-a-vow-of-ones-own-action-is-no-claim",
    ),
    # ---- 10. Floating / continued quote ------------------------------------------------
    pytest.param(
        '"We have had no power since Tuesday," the mayor of Nikopol said. "The water will run out by Sunday."',
        [("mayor of Nikopol", A), ("mayor of Nikopol", A)],
        id="f10-floating-quote",
    ),
    pytest.param(
        "“We lost contact with the crew at 3 a.m.,” the Ukrainian navy spokesman said.\n\n"
        "“The search has been called off.”",
        [("Ukrainian Navy", A), ("Ukrainian Navy", A)],
        id="f10-continued-paragraph",
    ),
    # ---- 11. "According to" before or after ------------------------------------------
    pytest.param(
        "According to the General Staff, 1,150 Russian soldiers were killed or wounded in the past day.",
        [("General Staff", A)],
        id="f11-according-to-before",
    ),
    pytest.param(
        "Six drones were shot down over the Belgorod region, according to officials installed by Moscow.",
        [("officials installed by Moscow", A)],
        id="f11-according-to-after",
    ),
    pytest.param(
        "North Korean troops have suffered heavy losses in the Kursk region, according to "
        "Ukraine's military intelligence.",
        [("Ukrainian Military Intelligence", A)],
        id="f11-according-to-hur",
    ),
    pytest.param(
        "The bridge was hit twice overnight, according to witnesses.",
        [("witnesses", A)],
        id="f11-according-to-bare-plural",
    ),
    pytest.param(
        "Most residents want the ceasefire to hold, according to a survey released last week.",
        [("a survey", A)],
        id="f11-according-to-postmodified-by-a-participle",
    ),
    pytest.param(
        "The commander admitted the loss of the base, according to a recording of the briefing shared online.",
        [("The commander", C)],
        id="f11-according-to-a-record-is-no-second-source",
    ),
    # ---- 12. Channel or venue adjunct between cue and content ------------------------
    pytest.param(
        "Zelensky said in his evening video address that the front line near Kupiansk had stabilised.",
        [("Volodymyr Zelensky", A)],
        id="f12-evening-address",
    ),
    pytest.param(
        "The 93rd brigade wrote on Telegram that the village of Klishchiivka had been retaken.",
        [("93rd brigade", A)],
        id="f12-wrote-on-telegram",
    ),
    pytest.param(
        "Gladkov said on Telegram that a drone had hit a car near Grayvoron, wounding two people.",
        [("Vyacheslav Gladkov", A)],
        id="f12-said-on-telegram",
    ),
    # ---- 13. "Told" + recipient -------------------------------------------------------
    pytest.param(
        "A senior Ukrainian commander told Reuters the offensive near Robotyne had stalled.",
        [("senior Ukrainian commander", A)],
        id="f13-told-reuters",
    ),
    pytest.param(
        "Peskov told reporters that the Kremlin had received no new proposals from Washington.",
        [("Kremlin", A)],
        id="f13-told-reporters-peskov",
    ),
    pytest.param(
        "An Israeli official told the Associated Press that the talks in Cairo were suspended.",
        [("Israeli official", A)],
        id="f13-told-ap",
    ),
    # ---- 14. Agent-less passive: no source, no claim ---------------------------------
    pytest.param(
        "Three civilians were reported killed in the strike on Kostiantynivka.",
        [],
        id="f14-agentless-reported-killed",
    ),
    pytest.param(
        "At least 12 drones were said to have been launched from the Bryansk region.",
        [],
        id="f14-agentless-said-to-have",
    ),
    # ---- 15. Passive quote frame with an agent ---------------------------------------
    pytest.param(
        "Shoigu was quoted by state media as saying Russian forces had encircled the town of Marinka.",
        [("Shoigu", A)],
        id="f15-quoted-by-state-media",
    ),
    pytest.param(
        "The casualty figures were first reported by the governor of the Zaporizhzhia region.",
        [("governor of the Zaporizhzhia region", A)],
        id="f15-first-reported-by-governor",
    ),
    pytest.param(
        "Lukashenko was quoted by the Belta news agency as saying that Wagner fighters had left Belarus.",
        [("Alexander Lukashenko", A)],
        id="f15-quoted-by-belta",
    ),
    # ---- 16. Relayed / nested attribution: the real source is the one cited -----------
    pytest.param(
        "TASS, citing the defence ministry, reported that 12 missiles were intercepted over the Bryansk region.",
        [("defence ministry", A)],
        id="f16-tass-citing-ministry",
    ),
    pytest.param(
        "RIA Novosti, citing emergency services, said a fire had broken out at the oil depot in Feodosia.",
        [("emergency services", A)],
        id="f16-ria-citing-emergency-services",
    ),
    pytest.param(
        "Interfax quoted the Russian Defence Ministry as saying its forces had taken the village of Novomykhailivka.",
        [("Russian Ministry of Defence", A)],
        id="f16-interfax-quoted-ministry",
    ),
    # ---- 17. Anonymous or descriptive source -----------------------------------------
    pytest.param(
        "A Western intelligence official, speaking on condition of anonymity, said Russian "
        "losses near Avdiivka were heavy.",
        [("Western intelligence official", A)],
        id="f17-anonymous-western-official",
    ),
    pytest.param(
        "A source in the Ukrainian security services told Reuters the drone attack on the "
        "airfield was carried out by the SBU.",
        [("source in the Ukrainian security services", A)],
        id="f17-security-source",
    ),
    pytest.param(
        "Two U.S. officials, who spoke on condition of anonymity, said the missiles had been supplied by Iran.",
        [("US officials", A)],
        id="f17-two-us-officials",
    ),
    # ---- 18. Appositive / title source with a clause before the cue -----------------
    pytest.param(
        "Igor Petrenko, a spokesman for the army group, who visited the front on Tuesday, "
        "said the town of Krasnohorivka had fallen.",
        [("Igor Petrenko", A)],
        id="f18-appositive-who-clause",
    ),
    pytest.param(
        "Andriy Kovalchuk, a battalion commander with the 24th brigade, who returned from "
        "the front on Monday, said ammunition was running low.",
        [("Andriy Kovalchuk", A)],
        id="f18-appositive-commander",
    ),
    pytest.param(
        "Oleh Kiper, the governor of the Odesa region, said a port warehouse had been hit.",
        [("Oleh Kiper", A)],
        id="f18-appositive-governor",
    ),
    pytest.param(
        "Marta Hrytsenko, a former deputy minister who is now an adviser to the mayor, said the shelters were full.",
        [("Marta Hrytsenko", A)],
        id="f18-appositive-with-its-own-relative-clause",
    ),
    pytest.param(
        "Pavlo Lysenko, an analyst at the Kyiv-based Centre for Defence Strategies and a former officer of the "
        "General Staff's planning directorate, said the offensive had stalled.",
        [("Pavlo Lysenko", A)],
        id="f18-long-coordinated-description",
    ),
    pytest.param(
        "Opposition presidential candidate Maria Lysenko toured the shelled district, saying that the shelters "
        "had no power.",
        [("Opposition presidential candidate Maria Lysenko", A)],
        id="f18-titled-subject-of-a-participle-clause",
    ),
    pytest.param(
        "During a long briefing at the regional headquarters on Friday, Governor Ivan Fedorov praised the "
        "rescuers, saying that 40 people had been pulled from the rubble.",
        [("Ivan Fedorov", A)],
        id="f18-subject-after-a-long-opening-phrase",
    ),
    pytest.param(
        "Journalists were kept out of the ward for what the army said were security reasons.",
        [("the army", A)],
        id="f18-free-relative-what-names-its-speaker",
    ),
    pytest.param(
        "But critics say the new checkpoints have slowed aid convoys.",
        [("critics", A)],
        id="f18-bare-plural-subject",
    ),
    pytest.param(
        "The detainees were moved to a prison near the border, lawyers for the families said.",
        [("lawyers for the families", A)],
        id="f18-bare-plural-with-its-complement",
    ),
    pytest.param(
        "The rebels withdrew from the town under a ceasefire deal, both sides said.",
        [],
        id="f18-parties-to-a-deal-are-no-one-group-of-speakers",
    ),
    pytest.param(
        "Moscow has long said that the strikes target only military sites.",
        [("Moscow", A)],
        id="f18-has-long-said",
    ),
    pytest.param(
        "“The shelters are full,” Oksana Hrynko (Servant of the People), a member of the defence committee, said.",
        [("Oksana Hrynko", A)],
        id="f18-bracketed-party-then-a-description",
    ),
    pytest.param(
        "Meanwhile, the governor visited the damaged school, saying that 12 classrooms had been destroyed.",
        [("the governor", A)],
        id="f18-sentence-adverb-is-no-subject",
    ),
    pytest.param(
        "A judge may not enforce the order because of the ministry's security claims, and appeals rarely succeed.",
        [],
        id="f18-a-noun-claims-after-of-is-no-cue",
    ),
    pytest.param(
        "The strike was condemned by Governor Oleh Kiper, who also said that three people were hurt.",
        [("Oleh Kiper", A)],
        id="f18-relative-source-with-an-adverb",
    ),
    pytest.param(
        "The figures were first published by the regional prosecutor, who in 2023 said that 40 homes were lost.",
        [("regional prosecutor", A)],
        id="f18-relative-source-with-a-year",
    ),
    pytest.param(
        "Foreign Secretary Olivia May said the embassy in Kyiv would stay open.",
        [("Foreign Secretary Olivia May", A)],
        id="f18-a-surname-that-is-also-a-modal",
    ),
    # ---- 19. Possessive or institutional source needing alias normalisation -----------
    pytest.param(
        "Russia's defence ministry said its forces had repelled seven attacks near Kupiansk.",
        [("Russian Ministry of Defence", A)],
        id="f19-russias-defence-ministry",
    ),
    pytest.param(
        "The Russian military said it had destroyed a Ukrainian Patriot launcher near Dnipro.",
        [("Russian Armed Forces", A)],
        id="f19-russian-military",
    ),
    pytest.param(
        "Moscow said the grain deal would not be extended beyond Monday.",
        [("Russian government", A)],
        id="f19-moscow",
    ),
    # ---- 20. Pronoun source resolved from the previous sentence(s) ----------------------
    pytest.param(
        "Kharkiv Governor Oleh Syniehubov toured the damaged district on Friday. He said 14 people were still missing.",
        [("Oleh Syniehubov", A)],
        id="f20-he-last-person",
    ),
    pytest.param(
        "Russia's defence ministry released footage of the strike on Thursday. It said the "
        "drones had hit a Ukrainian fuel depot.",
        [("Russian Ministry of Defence", A)],
        id="f20-it-last-organisation",
    ),
    pytest.param(
        "Ukrainian officials inspected the new fortifications near Zaporizhzhia on Monday. "
        "They said the defensive lines had been strengthened.",
        [("Ukrainian officials", A)],
        id="f20-they-group",
    ),
    pytest.param(
        "Klitschko said the capital had enough generators for the winter. He added that schools would stay open.",
        [("Vitali Klitschko", A), ("Vitali Klitschko", A)],
        id="f20-he-after-a-claim",
    ),
    # ---- 21. Relative-pronoun source ---------------------------------------------------
    pytest.param(
        "The shelling lasted four hours, added Governor Serhiy Lysak, who said three people were wounded.",
        [("Serhiy Lysak", A)],
        id="f21-added-governor-who-said",
    ),
    pytest.param(
        "The statement came from Oleh Kiper, who said a grain terminal had been hit.",
        [("Oleh Kiper", A)],
        id="f21-came-from-who-said",
    ),
    pytest.param(
        "Rescuers worked alongside Ivan Fedorov, who said the search would continue through the night.",
        [("Ivan Fedorov", A)],
        id="f21-alongside-who-said",
    ),
    # ---- 22. Coordinated sources: one claim each --------------------------------------
    pytest.param(
        "Kyiv and Warsaw said the Dorohusk border crossing would reopen on Thursday.",
        [("Ukrainian government", A), ("Polish government", A)],
        id="f22-kyiv-and-warsaw",
    ),
    pytest.param(
        "U.S., British and Polish officials said the drone had been launched from Belarus.",
        [("US officials", A), ("British government", A), ("Polish government", A)],
        id="f22-three-nationalities-officials",
    ),
    pytest.param(
        "Zelensky and Macron said they had agreed on new deliveries of air-defence systems.",
        [("Volodymyr Zelensky", A), ("Emmanuel Macron", A)],
        id="f22-two-leaders",
    ),
    # ---- 23. Two claims by two sources in one sentence (contrast) -----------------------
    pytest.param(
        "Russia said it had captured the hamlet of Pishchane, but Ukraine's military denied it.",
        [("Russia", A), ("Ukrainian Armed Forces", D)],
        id="f23-but-denied-it",
    ),
    pytest.param(
        "The Israeli military said it struck a Hamas command centre, while Hamas denied any "
        "of its fighters were in the building.",
        [("Israeli military", A), ("Hamas", D)],
        id="f23-while-denied",
    ),
    pytest.param(
        "Moscow said its troops had entered Vovchansk, but the Ukrainian General Staff rejected the claim.",
        [("Moscow", A), ("Ukrainian General Staff", D)],
        id="f23-but-rejected-the-claim",
    ),
    # ---- 24. Explicit denial or rejection ----------------------------------------------
    pytest.param(
        "The Ukrainian army rejected the claim as propaganda.",
        [("Ukrainian army", D)],
        id="f24-rejected-as-propaganda",
    ),
    pytest.param(
        "Moscow denied targeting the children's hospital in Kyiv.",
        [("Moscow", D)],
        id="f24-denied-targeting",
    ),
    pytest.param(
        "Peskov said reports of a new wave of mobilisation were untrue.",
        [("Kremlin", D)],
        id="f24-said-untrue",
    ),
    # ---- 25. Confirmation or admission against interest --------------------------------
    pytest.param(
        "Kyiv acknowledged that its troops had withdrawn from the outskirts of Vuhledar.",
        [("Kyiv", C)],
        id="f25-acknowledged",
    ),
    pytest.param(
        "Russia's defence ministry admitted that a landing ship had been damaged in the Black Sea.",
        [("Russian Ministry of Defence", C)],
        id="f25-admitted",
    ),
    pytest.param(
        "Ukraine's General Staff confirmed that Russian forces had entered the village of Ocheretyne.",
        [("Ukrainian General Staff", C)],
        id="f25-confirmed",
    ),
    # ---- 26. Accusation frame -----------------------------------------------------------
    pytest.param(
        "Ukraine accused Russia of shelling the evacuation route out of Orikhiv.",
        [("Ukraine", A)],
        id="f26-ukraine-accused-russia",
    ),
    pytest.param(
        "Russia accused Kyiv of attacking the Zaporizhzhia nuclear plant with drones.",
        [("Russia", A)],
        id="f26-russia-accused-kyiv",
    ),
    pytest.param(
        "Israel accused Hamas of using the hospital compound as a command centre.",
        [("Israel", A)],
        id="f26-israel-accused-hamas",
    ),
    # ---- 27. Non-"say" assertion verbs ---------------------------------------------------
    pytest.param(
        "Russia's defence ministry announced that 150 prisoners of war had been exchanged "
        "under a deal brokered by the UAE.",
        [("Russian Ministry of Defence", A)],
        id="f27-announced",
    ),
    pytest.param(
        "Ukrenergo warned that scheduled blackouts would return across the country this week.",
        [("Ukrenergo", A)],
        id="f27-warned",
    ),
    pytest.param(
        "The Institute for the Study of War estimated that Russian forces had gained 500 square km in November.",
        [("Institute for the Study of War", A)],
        id="f27-estimated",
    ),
    pytest.param(
        "Kadyrov claimed his fighters had captured 40 Ukrainian soldiers in the Kursk region.",
        [("Ramzan Kadyrov", A)],
        id="f27-claimed",
    ),
    # ---- 28. Noun cue: "the claim/statement/report that" -------------------------------
    pytest.param(
        "The ministry's claim that the airfield at Saky was destroyed could not be checked.",
        [("ministry", A)],
        id="f28-ministrys-claim-that",
    ),
    pytest.param(
        "Kyiv's statement that it had downed a Su-34 over the Donetsk region came hours after the raid.",
        [("Kyiv", A)],
        id="f28-kyivs-statement-that",
    ),
    # ---- 29. Outlet verification disclaimer: a note, never a claim ----------------------
    pytest.param(
        "Reuters was unable to independently verify the battlefield reports.",
        [],
        id="f29-unable-to-verify",
    ),
    pytest.param(
        "The report could not immediately be verified.",
        [],
        id="f29-could-not-immediately-be-verified",
    ),
    pytest.param(
        "Russia's defence ministry said its forces had taken the village of Krasne. Reuters "
        "could not independently verify the report.",
        [("Russian Ministry of Defence", A)],
        id="f29-note-after-claim",
    ),
    # ---- 30. Non-response: not a claim and not a denial ---------------------------------
    pytest.param(
        "Russia's defence ministry did not respond to a request for comment.",
        [],
        id="f30-did-not-respond",
    ),
    pytest.param("The Kremlin declined to comment on the report.", [], id="f30-declined-to-comment"),
    pytest.param("There was no immediate comment from Kyiv.", [], id="f30-no-immediate-comment"),
    # ---- 31. Hedged content: keep the claim -----------------------------------------------
    pytest.param(
        "Officials said the strike may have killed as many as 20 people.",
        [("Officials", A)],
        id="f31-may-have",
    ),
    pytest.param(
        "The governor said at least nine people were probably still under the rubble in Dnipro.",
        [("governor", A)],
        id="f31-probably",
    ),
    pytest.param(
        "The General Staff said Russia appeared to be preparing a new push toward Zaporizhzhia.",
        [("General Staff", A)],
        id="f31-appeared-to-be",
    ),
    # ---- 32. Negative claim: an assertion, not a denial -----------------------------------
    pytest.param(
        "The regional governor said there were no casualties.",
        [("regional governor", A)],
        id="f32-no-casualties",
    ),
    pytest.param(
        "The Belarusian defence ministry said none of its troops had crossed into Ukraine.",
        [("Belarusian defence ministry", A)],
        id="f32-none-of-its-troops",
    ),
    pytest.param(
        "Ukrenergo said no power plants had been hit overnight.",
        [("Ukrenergo", A)],
        id="f32-no-power-plants-hit",
    ),
    # ---- 33. Present-tense headline and lead style --------------------------------------
    pytest.param(
        "Russia says it has taken control of two villages in the Donetsk region",
        [("Russia", A)],
        id="f33-headline-russia-says",
    ),
    pytest.param(
        "Zelensky says Ukraine will not cede any territory",
        [("Volodymyr Zelensky", A)],
        id="f33-headline-zelensky-says",
    ),
    pytest.param(
        "Kremlin denies Putin is planning a new mobilisation",
        [("Kremlin", D)],
        id="f33-headline-denies",
    ),
    # ---- 34. Dateline and credit line stripped before parsing -----------------------------
    pytest.param(
        "KYIV, March 3 (Reuters) - Ukraine's air force said on Sunday it had shot down 17 drones over the south.",
        [("Ukrainian Air Force", A)],
        id="f34-dateline-kyiv",
    ),
    pytest.param(
        "MOSCOW, Jan 12 (Reuters) - The Kremlin said on Friday that talks with Washington "
        "would resume next month.\n\n(Writing by Anna Koval; Editing by Peter Graff)",
        [("Kremlin", A)],
        id="f34-dateline-and-credit-line",
    ),
    # ---- 35. Reporter-voice narration: no claim --------------------------------------------
    pytest.param("Russian forces have made slow gains in the east this year.", [], id="f35-narration-gains"),
    pytest.param(
        "The town of Siversk has been under heavy bombardment since the spring.",
        [],
        id="f35-narration-bombardment",
    ),
    pytest.param(
        "Defences are reportedly weakening along the Pokrovsk front.",
        [],
        id="f35-unattributed-hedge",
    ),
    # ---- 36. Question or request cue: not an assertion -------------------------------------
    pytest.param(
        "Reporters asked whether the bridge over the Dnipro was still usable.",
        [],
        id="f36-asked-whether",
    ),
    pytest.param(
        "Zelensky urged Western allies to speed up deliveries of air-defence systems.",
        [],
        id="f36-urged",
    ),
    pytest.param(
        "The United Nations called for a ceasefire around the Zaporizhzhia nuclear plant.",
        [],
        id="f36-called-for",
    ),
    pytest.param("Kyiv called on Budapest to stop blocking the EU aid package.", [], id="f36-called-on"),
    # ---- 37. Quantities and counts inside the claim ----------------------------------------
    pytest.param(
        "Ukraine's air force said 31 of 35 drones were destroyed overnight.",
        [("Ukrainian Air Force", A)],
        id="f37-31-of-35-drones",
    ),
    pytest.param("Moscow said it downed 40.", [("Moscow", A)], id="f37-downed-40"),
    pytest.param(
        "The Gaza Health Ministry said 112 people had been killed in the past 24 hours.",
        [("Gaza Health Ministry", A)],
        id="f37-gaza-toll",
    ),
    # ---- Verification notes and non-responses are not claims --------------------------------
    pytest.param("Ukrainian officials have not confirmed the claim.", [], id="note-have-not-confirmed"),
    pytest.param(
        "If confirmed, the capture of the town would open the road to Kramatorsk.",
        [],
        id="note-if-confirmed",
    ),
    pytest.param(
        "Russia said its troops had entered the village of Dvorichna. If confirmed, it would "
        "be the deepest advance in the area this year.",
        [("Russia", A)],
        id="note-if-confirmed-after-claim",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FRAMES)
def test_frame(text: str, expected: list[tuple[str, Stance]]) -> None:
    assert_claims(text, expected)


# ---- Details that the (source, stance) table does not show ----------------------------------


def test_dateline_is_not_part_of_the_claim_sentence() -> None:  # frame 34
    claims = assert_claims(
        "KYIV, March 3 (Reuters) - Ukraine's navy said on Sunday it had sunk a patrol boat off the coast of Crimea.",
        [("Ukrainian Navy", A)],
    )
    assert not claims[0].sentence.text.startswith("KYIV")
    assert "Reuters" not in claims[0].source_text


def test_quoted_by_state_media_channel() -> None:  # frame 15
    claims = assert_claims(
        "Belousov was quoted by state media as saying the town of Kurakhove was encircled.",
        [("Belousov", A)],
    )
    assert claims[0].channel is not None
    assert "state media" in claims[0].channel.casefold()


def test_relayed_source_keeps_outlet_as_channel() -> None:  # frame 16
    claims = assert_claims(
        "TASS, citing the Russian defence ministry, reported that 9 missiles had been "
        "intercepted over the Kursk region.",
        [("Russian Ministry of Defence", A)],
    )
    assert claims[0].actor != "TASS"
    assert claims[0].channel is not None
    assert "tass" in claims[0].channel.casefold()


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        pytest.param(
            "Zelensky said in his evening address that the situation near Sumy was under control.",
            "address",
            id="evening-address",
        ),
        pytest.param(
            "Syrskyi wrote on Telegram that the village of Andriivka had been cleared.",
            "telegram",
            id="telegram",
        ),
        pytest.param(
            "A Ukrainian commander told Reuters that the brigade had lost half its vehicles.",
            "reuters",
            id="told-reuters",
        ),
    ],
)
def test_channel_adjunct_recorded(text: str, channel: str) -> None:  # frames 12, 13
    claims = claims_of(text)
    assert len(claims) == 1, describe(claims)
    assert claims[0].channel is not None
    assert channel in claims[0].channel.casefold()
    assert channel not in claims[0].source_text.casefold()


def test_verification_note_is_attached_to_the_claim() -> None:  # frame 29
    claims = assert_claims(
        "Russia's defence ministry said its forces had taken the village of Pershotravneve. "
        "Reuters could not independently verify the report.",
        [("Russian Ministry of Defence", A)],
    )
    assert any("could not independently verify" in note for note in claims[0].notes), claims[0].notes


def test_has_not_confirmed_note_is_attached_to_the_claim() -> None:  # verification notes
    claims = assert_claims(
        "Moscow said its forces had destroyed a HIMARS launcher near Kostiantynivka. "
        "Ukrainian officials have not confirmed the claim.",
        [("Moscow", A)],
    )
    assert any("have not confirmed" in note for note in claims[0].notes), claims[0].notes


@pytest.mark.parametrize(
    "follow_up",
    [
        pytest.param("Reuters could not independently verify the claim.", id="could-not-verify"),
        pytest.param("The claim could not immediately be verified.", id="not-immediately"),
        pytest.param("Ukraine's military has not confirmed the claim.", id="has-not-confirmed"),
        pytest.param("Ukraine's military did not respond to a request for comment.", id="did-not-respond"),
        pytest.param("Kyiv declined to comment.", id="declined-to-comment"),
        pytest.param(
            "There was no immediate comment from Ukraine's General Staff.",
            id="no-immediate-comment",
        ),
    ],
)
def test_note_or_non_response_is_never_a_denial(follow_up: str) -> None:
    text = "Russia's defence ministry said its forces had captured the village of Berestove. " + follow_up
    claims = assert_claims(text, [("Russian Ministry of Defence", A)])
    assert all(c.stance is not Stance.DENY for c in claims)


def test_hedge_is_recorded() -> None:  # frame 31
    claims = assert_claims(
        "Officials said the strike may have killed as many as 20 people in Kryvyi Rih.",
        [("Officials", A)],
    )
    assert claims[0].hedges, "expected a hedge such as 'may have' or 'as many as'"


def test_accusation_content_is_the_accused_act() -> None:  # frame 26
    claims = assert_claims("Ukraine accused Russia of shelling the evacuation route out of Orikhiv.", [("Ukraine", A)])
    assert "shelling" in claims[0].content


def test_counts_are_kept_in_the_content() -> None:  # frame 37
    claims = assert_claims(
        "Ukraine's air force said 31 of 35 drones were destroyed overnight.",
        [("Ukrainian Air Force", A)],
    )
    assert "31" in claims[0].content
    assert "35" in claims[0].content
    assert claims[0].quantities, "expected the drone count as a quantity"


def test_contrast_second_claim_is_deny() -> None:  # frame 23
    claims = assert_claims(
        "Russia said it had captured the hamlet of Pishchane, but Ukraine's military denied it.",
        [("Russia", A), ("Ukrainian Armed Forces", D)],
    )
    assert claims[0].sentence.text == claims[1].sentence.text


def test_coordinated_sources_share_the_sentence() -> None:  # frame 22
    claims = assert_claims(
        "U.S., British and Polish officials said the drone had been launched from Belarus.",
        [("US officials", A), ("British government", A), ("Polish government", A)],
    )
    assert len({c.sentence.text for c in claims}) == 1
    assert {c.side for c in claims} == {"usa", "uk", "poland"}


def test_pronoun_claim_is_in_the_second_sentence() -> None:  # frame 20
    claims = assert_claims(
        "Kharkiv Governor Oleh Syniehubov toured the damaged district on Friday. He said 14 people were still missing.",
        [("Oleh Syniehubov", A)],
    )
    assert claims[0].sentence.text.startswith("He said")
    assert claims[0].side == "ukraine"


def test_explain_sentence_resolves_pronoun_from_context() -> None:  # frame 20
    reading = explain_sentence(
        "He said reinforcements had arrived overnight.",
        load_lexicon(),
        context="Belgorod Governor Vyacheslav Gladkov visited the border district on Friday.",
    )
    assert [c.actor for c in reading.claims] == ["Vyacheslav Gladkov"], describe(list(reading.claims))


def test_explain_sentence_skips_non_response() -> None:  # frame 30
    reading = explain_sentence("The Kremlin declined to comment on the report.", load_lexicon())
    assert reading.claims == ()


def test_event_date_on_friday_resolved_against_saturday() -> None:
    claims = assert_claims(
        "Russia's defence ministry said its forces shot down 28 drones over the Kursk region on Friday.",
        [("Russian Ministry of Defence", A)],
        published=dt.date(2025, 2, 8),
    )
    assert claims[0].event_date is not None, "no event date"
    assert claims[0].event_date.iso == "2025-02-07"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ukraine's General Staff, in a statement on Telegram late on Sunday, said that Russian forces had lost "
            "1,200 troops in a day.",
            [("Ukrainian General Staff", A)],
            id="in-a-statement",
        ),
        pytest.param(
            "UN experts, in a report submitted to the Security Council last year, estimated that 3,000 foreign troops "
            "were operating in the region.",
            [("UN experts", A)],
            id="in-a-report",
        ),
        pytest.param(
            "A military source in Kyiv, speaking on condition of anonymity because he was not authorised to brief "
            "the media, dismissed the Russian statement as propaganda.",
            [("military source", D)],
            id="aside-then-a-denial-with-its-object",
        ),
        pytest.param(
            "Regional governor Oleh Koval, at a briefing later in the day, said, “The bridge is still standing.”",
            [("Regional governor Oleh Koval", A)],
            id="aside-then-a-quotation-after-a-comma",
        ),
        pytest.param(
            "The commander, in a televised address, vowed “a swift response” to the attack.",
            [],
            id="a-quoted-object-is-no-quotation-of-speech",
        ),
        pytest.param(
            "The ministry, after weeks of silence, accused Kyiv of shelling the plant.",
            [],
            id="no-that-clause-no-claim-from-this-frame",
        ),
        pytest.param(
            "Army chief Ivan Dorosh, in a message read on state television, said the recapture marked a turning point.",
            [("Army chief Ivan Dorosh", A)],
            id="said-takes-its-clause-without-that",
        ),
        pytest.param(
            "A battalion commander fighting nearby, reached by phone, said the village had been flattened.",
            [("A battalion commander fighting nearby", A)],
            id="a-participle-aside",
        ),
        pytest.param(
            "The ministry, in a statement, warned of further strikes.",
            [],
            id="warned-of-is-no-clause",
        ),
    ],
)
def test_a_phrase_between_commas_does_not_hide_the_source(text: str, expected: list[tuple[str, Stance]]) -> None:
    claims = claims_of(text, PUBLISHED)
    if not expected:
        assert all(c.rule != "interrupted-subject" for c in claims), describe(claims)
        return
    assert_claims(text, expected)
    assert claims[0].rule in {"interrupted-subject", "source-before-cue"}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        pytest.param(
            "A WHO team that visited the hospital on Saturday said the wards were empty.", "A WHO team", id="that"
        ),
        pytest.param("Residents reached by phone said the shelling continued.", "Residents", id="reached-by"),
        pytest.param(
            "Two people familiar with the negotiations said China had pressed the group.",
            "Two people familiar with the negotiations",
            id="familiar-with",
        ),
        pytest.param(
            "It was the heaviest barrage that Ukrainian officials said they had seen.",
            "Ukrainian officials",
            id="source-inside-the-clause",
        ),
    ],
)
def test_a_subject_with_a_clause_after_its_head_is_the_source(text: str, source: str) -> None:
    (claim,) = claims_of(text, PUBLISHED)
    assert claim.source_text.startswith(source), describe([claim])


def test_a_participle_after_a_comma_has_an_object_not_an_inverted_speaker() -> None:
    claims = claims_of(
        "In Kyiv, protesters gathered outside several embassies on Tuesday, accusing Western countries of failing "
        "to send air defences.",
        PUBLISHED,
    )
    assert all("Western countries" not in c.source_text for c in claims), describe(claims)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        pytest.param(
            "But the regional prosecutor isn't saying whether the strike broke any law.",
            "the regional prosecutor",
            id="negated-auxiliary",
        ),
        pytest.param(
            "Military prosecutors in April charged two officers with abandoning their posts.",
            "Military prosecutors",
            id="month-before-the-cue",
        ),
        pytest.param(
            "Oksana Hrytsenko, head of the Kharkiv Human Rights Group, which documents shelling, said the school "
            "was empty.",
            "Oksana Hrytsenko, head of the Kharkiv Human Rights Group",
            id="relative-clause-on-the-organisation",
        ),
        pytest.param(
            '"The water is rising," said Petro Bilyk, a farmer near the dam, who stayed behind with his cattle.',
            "Petro Bilyk, a farmer near the dam, who stayed behind with his cattle",
            id="closing-relative-clause-on-the-person",
        ),
        pytest.param(
            '"We have run out of beds," said a nurse at the Central Hospital, who asked not to be named.',
            "a nurse at the Central Hospital, who asked not to be named",
            id="inverted-description-with-its-place",
        ),
        pytest.param(
            '"We have run out of beds," said a nurse in a statement.',
            "a nurse",
            id="a-channel-is-not-a-place",
        ),
        pytest.param('"We hold," said the ministry in its statement.', "the ministry", id="in-its-statement"),
        pytest.param('"We hold," said the army in the morning.', "the army", id="a-time-is-not-a-place"),
        pytest.param(
            '"We hold," said a medic at the front as shelling continued.', "a medic", id="a-clause-is-not-a-place"
        ),
        pytest.param(
            "Some residents who had stayed under rebel rule said they feared arrests.",
            "Some residents who had stayed under rebel rule",
            id="subject-with-its-relative-clause",
        ),
    ],
)
def test_the_mention_spans_the_source_and_its_own_description(text: str, mention: str) -> None:
    (claim,) = claims_of(text, PUBLISHED)
    assert claim.source_text == mention, describe([claim])


@pytest.mark.parametrize(
    ("text", "source", "mention"),
    [
        pytest.param(
            "Rebel commander Ali Hassan Omar, known as Abu Bakr, conceded that his forces had lost the town.",
            "Ali Hassan Omar",
            "Rebel commander Ali Hassan Omar, known as Abu Bakr",
            id="known-as",
        ),
        pytest.param(
            "Ali Hassan Omar, better known as Abu Bakr, said the town had fallen.",
            "Ali Hassan Omar",
            "Ali Hassan Omar, better known as Abu Bakr",
            id="better-known-as",
        ),
        pytest.param(
            "Ukraine's military intelligence agency, known by its initials HUR, said its forces had landed.",
            "Ukrainian Military Intelligence",
            "Ukraine's military intelligence agency, known by its initials HUR",
            id="known-by",
        ),
        pytest.param(
            "In a video speech posted on the group's channel on Sunday, rebel commander Ali Hassan Omar conceded "
            "that his forces had lost the town.",
            "Ali Hassan Omar",
            "rebel commander Ali Hassan Omar",
            id="posted-is-a-participle-in-the-scene",
        ),
        pytest.param(
            "During a visit to the front Omar said that the town would be retaken.",
            "Omar",
            "Omar",
            id="a-longer-scene-then-the-name",
        ),
        pytest.param(
            "In a radio interview Omar declared that the town would be retaken.",
            "Omar",
            "Omar",
            id="scene-without-comma-then-the-name",
        ),
    ],
)
def test_a_scene_or_a_nickname_around_the_source_is_not_the_source(text: str, source: str, mention: str) -> None:
    (claim,) = claims_of(text, PUBLISHED)
    assert (claim.actor, claim.source_text) == (source, mention), describe([claim])


@pytest.mark.parametrize(
    "text",
    [
        "In a discussion this weekend in Kharkiv residents described the shelling.",
    ],
)
def test_a_name_inside_a_scene_is_not_a_speaker(text: str) -> None:
    claims = claims_of(text, PUBLISHED)
    assert not any(c.actor == "Kharkiv" for c in claims), describe(claims)


@pytest.mark.parametrize(
    "text",
    [
        "Having said that, there are officers who think the line will hold.",
        "Let's say the bridge is repaired by spring.",
        "That said, the convoy reached the city on Sunday.",
    ],
)
def test_a_discourse_idiom_is_no_attribution(text: str) -> None:
    claims = claims_of(text, PUBLISHED)
    assert all(c.cue.casefold() not in {"said", "say"} for c in claims), describe(claims)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        pytest.param('"The bridge is gone," said Del. Maria Santos of Guam.', "Del. Maria Santos", id="delegate-title"),
        pytest.param(
            '"They are wrong," said 9/11 widow Terry Hale.', "9/11 widow Terry Hale", id="slash-in-description"
        ),
    ],
)
def test_an_inverted_source_with_a_title_or_date_in_its_description(text: str, source: str) -> None:
    (claim,) = claims_of(text, PUBLISHED)
    assert claim.source_text.startswith(source), describe([claim])


def test_a_long_possessive_appositive_is_a_description() -> None:
    text = "Even Belarus, Moscow's closest ally and its main supply route to the front, said the strike was a mistake."
    (claim,) = claims_of(text, PUBLISHED)
    assert claim.source_text.startswith("Belarus"), describe([claim])


def test_a_cue_in_a_second_verb_phrase_speaks_for_the_clause_subject() -> None:
    (claim,) = claims_of("The governor visited the hospital and said 12 people had died.", PUBLISHED)
    assert (claim.source_text, claim.rule) == ("The governor", "clause-subject"), describe([claim])


def test_the_object_of_another_cue_is_not_a_clause_subject() -> None:
    claims = claims_of("The army launched what it called Operation Dawn and said it had hit 20 targets.", PUBLISHED)
    assert all("Operation Dawn" not in c.source_text for c in claims), describe(claims)


@pytest.mark.parametrize(
    "text",
    [
        "The governor said at least 40 homes had been damaged.",
        "Three diplomats in the region said at least three rockets were launched, and that at least two landed.",
        "The governor said over 40 homes had been damaged.",
    ],
)
def test_a_count_after_the_cue_is_the_content_not_an_adjunct(text: str) -> None:
    (claim,) = claims_of(text, PUBLISHED)
    assert re.match(r"(?:at least|over) \d|(?:at least|over) \w+ ", claim.content), describe([claim])


def test_a_name_with_its_particle_is_a_source() -> None:
    """'According to al-Qidra, ...': 'al-Qidra' is a name though it starts in lower case."""
    text = (
        "Ashraf al-Qidra, a spokesman for the health ministry, said the hospital was surrounded. "
        "According to al-Qidra, at least 40 patients have died at the hospital."
    )
    claims = claims_of(text, PUBLISHED)
    assert [c.source_text for c in claims][1:] == ["al-Qidra"], describe(claims)
    assert claims[0].actor == claims[1].actor


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("Videos posted by Kraken fighters showed men cheering inside the base.", ["Kraken fighters"]),
        ("Video posted on social media showed smoke pouring from the building.", []),
    ],
)
def test_evidence_posted_posts_nothing_and_its_owner_shows(text: str, sources: list[str]) -> None:
    """'Videos posted on social media showed ...': 'posted' only says where the videos came from."""
    claims = claims_of(text, PUBLISHED)
    assert [c.cue for c in claims] == ["showed"] * len(sources), describe(claims)
    assert all(s.casefold() in c.source_text.casefold() or s == c.actor for s, c in zip(sources, claims, strict=True))
