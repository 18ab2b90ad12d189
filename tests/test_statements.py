"""Statement analysis and the claims recipes on real wording (the issue's examples, in our words)."""

from __future__ import annotations

import pytest

from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.loaders import load_text_format
from kaplint.text.statements import describe

_LINTER = Linter(Config(), RunOptions(select=("claims",), profile="web"))


def claim_names(text: str) -> set[str]:
    result = _LINTER.lint_bytes("page.txt", text.encode("utf-8"), "text")
    return {finding.name for finding in result.findings if finding.name != "fair-balance"}


FOUND = [
    ("Ketamine is very safe when given by trained medical professionals.", "absolute-safety"),
    ("Ketamine is a safe and effective treatment for depression.", "absolute-safety"),
    ("Is it safe?\nYes.", "absolute-safety"),
    ("Side effects like nausea or dizziness are rare and usually pass quickly.", "minimized-risk"),
    ("Side effects like headache are rare and usually pass quickly.", "minimized-risk"),
    ("No lasting side effects have been reported.", "minimized-risk"),
    ("Trials show relief in 7 of 10 patients after one infusion.", "unsourced-statistic"),
    ("More than half see a big drop in symptoms.", "unsourced-statistic"),
    ("Research and clinical experience have shown that ketamine relieves depression.", "unsupported-evidence"),
    ("A growing body of research supports ketamine for depression.", "unsupported-evidence"),
    ("Ketamine is remarkably effective.", "hype"),
    ("Our patients see incredible results.", "hype"),
    ("Ketamine helps nerve cells build new connections.", "mechanism-overclaim"),
    ("Ketamine protects brain cells.", "mechanism-overclaim"),
    ('Ketamine "re-wires" the brain.', "mechanism-overclaim"),
    ("We treat a variety of mental health conditions with ketamine.", "broad-indications"),
    ("Ketamine treats depression, anxiety and other conditions.", "broad-indications"),
    ("Many patients describe it as life-changing.", "testimonial"),
    ("Many people feel better. \"I felt like myself again after one infusion,\" says Dana.", "testimonial"),
    ("Ketamine does not cause dependence or cravings.", "not-addictive"),
    ("Addiction has not been seen with infusion therapy.", "not-addictive"),
    ("Is it addictive?\nUnder supervision, no.", "not-addictive"),
    ("Ketamine works when other treatments have failed.", "unsupported-comparison"),
    ("Ketamine offers faster, deeper healing than talk therapy.", "unsupported-comparison"),
    ("Our troches are shipped straight to your door, ready for your first session.", "home-use-minimized"),
    ("Most of our clients find it a relaxing and peaceful experience.", "minimized-risk"),
    ("Ketamine: the 100% safe cure for depression", "cure"),
    ("Our protocol is based on several recent studies from leading universities.", "unsupported-evidence"),
    ("Ketamine has been studied and found to be most effective in a series of six infusions.", "unsupported-evidence"),
    ("Ketamine sparks structural changes in the brain that support recovery.", "mechanism-overclaim"),
    ("Ketamine often works even when other medications have failed to help.", "unsupported-comparison"),
    ("Ketamine offers a groundbreaking therapy, which raises an obvious question: is it covered by insurance?", "hype"),
    ("Our goal is simple: helping you feel better, faster.", "unsupported-comparison"),
    ("Infusions bring quicker relief, often in a day or two.", "unsupported-comparison"),
    ("Esketamine works comparatively fast.", "unsupported-comparison"),
    ("Clients get lasting change where pills offer only short-term relief.", "unsupported-comparison"),
    ("Ketamine boosts the connections between neurons.", "mechanism-overclaim"),
    ("We use ketamine for conditions such as PTSD and OCD.", "broad-indications"),
    ("Many clients describe their sessions as peaceful and freeing.", "testimonial"),
    ("Aftercare coaching is what makes your results last.", "cure"),
    ("With ongoing integration, healing becomes permanent.", "cure"),
    ("Our center offers true cures for people with migraines.", "cure"),
    ("For many veterans, ketamine opens a new door to hope.", "hype"),
    ("Ketamine kicks in remarkably quickly and lifts depression.", "instant-relief"),
    ("Lozenges give rapid-acting relief for low mood.", "instant-relief"),
    ("Our infusions bring swift, effective relief, usually within mere hours.", "instant-relief"),
    ("Spravato delivers immediate results for people with depression.", "instant-relief"),
    ("Ketamine is the world's fastest-acting antidepressant.", "hype"),
    ("The improvement in mood is often dramatic.", "hype"),
    ("Our center has an exceptionally high success rate.", "hype"),
    ("Ketamine has proven incredibly helpful for our clients.", "hype"),
    ("Ketamine can treat a wide range of mental health and chronic pain conditions.", "broad-indications"),
    ("It is also used for anxiety, OCD and other diagnoses.", "broad-indications"),
    ("Ketamine gives long-term relief from depression in a handful of sessions.", "cure"),
    ("Our mail-order program removes the need for office visits.", "home-use-minimized"),
    ("Ketamine reverses this damage in a matter of days.", "mechanism-overclaim"),
    ("By rebalancing serotonin levels, ketamine lifts your mood.", "mechanism-overclaim"),
    ("Infusions do not leave any long-term side effects.", "minimized-risk"),
    ("There is very little risk to your baby.", "minimized-risk"),
    ("Most people find the dose not at all unpleasant.", "minimized-risk"),
    ("Members often report gaining deep insights into old patterns.", "testimonial"),
    ("Relief comes remarkably fast compared to standard antidepressants.", "unsupported-comparison"),
    ("It helps people who are resistant to conventional medications.", "unsupported-comparison"),
    ("Clients report better treatment outcomes and fewer relapses.", "unsupported-comparison"),
    ("A strong body of research supports ketamine for depression.", "unsupported-evidence"),
    ("Ketamine is a well-studied medication for mood disorders.", "unsupported-evidence"),
    ("Current studies suggest that ketamine relieves PTSD within a day.", "weak-qualifier"),
    # a technical word is a claim when the treatment is said to produce it
    ("Each infusion boosts the production of BDNF in your brain.", "mechanism-overclaim"),
    ("Ketamine triggers a surge of synaptic plasticity that lasts weeks.", "mechanism-overclaim"),
    ("That BDNF rise repairs stressed brain circuits.", "mechanism-overclaim"),
    ("Our program helps your brain form new, stronger connections.", "mechanism-overclaim"),
    ("Ketamine strengthens communication between neurons.", "mechanism-overclaim"),
    ("Treatment gives a reset to your neurotransmitters.", "mechanism-overclaim"),
    ("Nasal ketamine offers a faster onset of relief.", "unsupported-comparison"),
    ("Ketamine treats the root cause rather than simply masking symptoms.", "unsupported-comparison"),
    ("Pills do little to address the root of depression.", "unsupported-comparison"),
    ("It has far fewer and gentler side effects than standard antidepressants.", "unsupported-comparison"),
    ("According to recent research, ketamine eases chronic pain.", "unsupported-evidence"),
    ("Infusions have demonstrated remarkable efficacy for migraine.", "unsupported-evidence"),
    ("Infusions bring relief in a matter of hours.", "instant-relief"),
    ("The floating feeling wears off fairly quickly.", "minimized-risk"),
    ("Side effects such as grogginess rarely last past the evening.", "minimized-risk"),
    ("In our program, side effects were usually mild.", "minimized-risk"),
    ("It has a long history of safe and effective use in hospitals.", "safety-by-association"),
    ("We make sure every one of our clients gets effective relief.", "guarantee"),
    ("Clients often report revelations that keep coming for months.", "testimonial"),
    ("Infusions have a unique advantage over daily pills.", "unsupported-comparison"),
    ("Like any medical procedure, it comes with some side effects.", "minimized-risk"),
    ("Early users saw promising efficacy for anxiety.", "weak-qualifier"),
    ("Ketamine is reshaping the landscape of depression care.", "hype"),
    ("Patients keep telling us about the remarkable effects of ketamine.", "hype"),
    ("The results were striking.", "hype"),
    ("Our founder led a landmark study of infusions.", "hype"),
    ("Ketamine acts within hours on low mood.", "instant-relief"),
    ("Ketamine helps neurons grow new branches and connections.", "mechanism-overclaim"),
    ("Infusions re-establish broken nerve connections.", "mechanism-overclaim"),
    ("Ketamine improves the health of your brain cells.", "mechanism-overclaim"),
    ("In our clinic no significant side effects were reported.", "minimized-risk"),
    ("Lozenges have been taken safely at home by thousands of clients.", "home-use-minimized"),
    ("It has a long track record for safety in surgery.", "safety-by-association"),
    ("Many clients say their mind feels reset after a session.", "testimonial"),
    ("Relief in hours, not days or weeks like traditional antidepressants.", "unsupported-comparison"),
    ("For many people, infusions remain the safer and more effective choice.", "unsupported-comparison"),
    ("Study after study has confirmed it.", "unsupported-evidence"),
    ("All the published research supports ketamine for depression.", "unsupported-evidence"),
    ("It is well known that ketamine eases pain.", "unsupported-evidence"),
    ("Ketamine has shown a high rate of success in treating postpartum depression.", "unsupported-evidence"),
    ("Infusions are one of the most effective depression treatments available.", "hype"),
    ("Ketamine has completely changed the way doctors treat depression.", "hype"),
    ("Our nurses are world leaders in infusion care.", "hype"),
    ("Boosters work for a majority of our patients.", "unsourced-statistic"),
    ("After a ketamine infusion most people have few to no after-effects.", "minimized-risk"),
    ("The lozenges appear to be free from lasting negative side effects.", "minimized-risk"),
    ("Like all medical treatments, these therapies carry risks and benefits.", "minimized-risk"),
    ("It helps even when other medicines do not.", "unsupported-comparison"),
    ("Troches are not as effective as IV infusions.", "unsupported-comparison"),
    ("There is substantial evidence that ketamine eases depression.", "unsupported-evidence"),
    ("Spravato lifts mood in as little as 24 hours.", "instant-relief"),
    ("Ketamine promotes rapid neural repair.", "mechanism-overclaim"),
    # a clinic called Aspire is no ASPIRE trial; "sustain" and "transform" are ordinary words
    ("Aspire Wellness offers ketamine, which has been shown to ease anxiety.", "unsupported-evidence"),
    ("To sustain results, 80% of our patients return for boosters and feel better.", "unsourced-statistic"),
    # a hedge on the main clause does not reach into a relative clause with its own verb
    ("You may be offered ketamine, which has been shown to ease depression.", "unsupported-evidence"),
    # a denial in the sentence before does not reach across the full stop
    ("Feeling sleepy afterwards is not unusual. No lasting side effects have been reported with our infusions.", "minimized-risk"),
    ("You will not be alone. Ketamine is a safe and effective treatment.", "absolute-safety"),
]

LEFT_ALONE = [
    "In a 2016 review of nine trials, about half of people felt better a day after one infusion; others felt little or no change.",
    "Ketamine can cause side effects. Some can be severe.",
    "Ketamine can raise blood pressure and cause nausea and dizziness.\n\nMost people are back to their normal routine by the next morning.",
    "Some online platforms promise fast relief; we don't.",
    "Studies found a few people had suicidal thoughts after treatment.",
    "The FDA approved ketamine as an anesthetic in 1970.",
    "Our mission is to make mental health care kind and accessible.",
    "Unlike most antidepressants, which act on serotonin, ketamine acts on glutamate.",
    "We do not know whether repeated doses are safe over many years.",
    "Spravato has not been shown to prevent suicide or to reduce suicidal behavior.",
    "Leave your bag in the locker; it is safe there, and staff keep the key.",
    "Call us if you can't reach your ride, and we will help you get home safely.",
    "Esketamine is given to adults with major depression who have acute suicidal thoughts, together with an oral antidepressant.",
    "We check your vital signs every fifteen minutes to make sure there are no adverse effects we need to treat.",
    "Ketamine has drawn attention as a possible treatment for depression, anxiety, PTSD and OCD.",
    "Ketamine is used when standard medications have not helped enough.",
    "Our foundation funds research toward a cure for depression.",
    "There is no cure for depression, but treatment can help.",
    "Check-in is relatively quick, and parking is free.",
    "Tell us about conditions such as glaucoma or heart disease before your first visit.",
    "If you live with conditions like depression, you are not alone.",
    "Scientists are testing whether ketamine protects brain cells.",
    "We do not yet know whether integration makes the benefit last longer.",
    "Some patients describe the experience as frightening or confusing, and that can happen even with good preparation.",
    "Hope Pathways is the name of the peer group that meets on Tuesdays.",
    "Antidepressant pills can take several weeks to work.",
    "In the ASPIRE I trial, esketamine was compared with placebo in adults with suicidal thoughts.",
    "BDNF, brain-derived neurotrophic factor, is a protein that nerve cells make.",
    "Its use for anxiety is not yet well-established or approved by the FDA.",
    "Ask your doctor whether infusions or pills are a safer option for you.",
    "The landscape of insurance coverage is changing every year.",
    "Research-backed\n\nIn one trial (Ionescu et al., 2016), ketamine eased suicidal thoughts for a few days.",
    "Several studies support its use:\n\n- Murrough et al. (2013) found a response in about two thirds of a small group.",
    "Neuroplasticity is the brain's ability to change with experience.",
    "The dose lets the medicine take effect within a few minutes, and the dreamlike state lasts about an hour.",
    "Troches dissolve under the tongue, which gives a quicker onset of effects than swallowed tablets.",
    "In the TRANSFORM-2 trial, 69% of patients responded to esketamine plus a new antidepressant.",
    "Ketamine can have rapid effects on blood pressure, so we check it every 15 minutes.",
    "Some people feel fast relief; many feel nothing at first, and results vary.",
    "The ideal treatment schedule is worked out with your psychiatrist.",
    "Tell us if you have had rapid, dramatic changes in heart rate before.",
    "The study is examining whether ketamine reverses this damage in mice.",
    "We do not know whether repeated doses leave long-term side effects.",
    "Many trials report that some people have nausea after a dose.",
    "Ketamine does not work for everyone, and relief may fade within weeks.",
]


def test_a_denial_ends_with_its_sentence() -> None:
    from kaplint.text.negation import is_denied

    for text, phrase in [
        ("Nausea is not rare. Ketamine is safe.", "safe"),
        ("Do not drive!\nKetamine works fast.", "works fast"),
        ("We never rush. \u201cIt cures depression,\u201d one ad says.", "cures depression"),
    ]:
        start = text.index(phrase)
        assert not is_denied(text, start, start + len(phrase)), text
    text = "Ketamine is not 2.5 times safer."  # a decimal point is no sentence end
    start = text.index("safer")
    assert is_denied(text, start, start + len("safer"))


@pytest.mark.parametrize(("text", "name"), FOUND)
def test_claim_in_real_wording_is_found(text: str, name: str) -> None:
    assert name in claim_names(text)


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_look_alike_is_left_alone(text: str) -> None:
    assert claim_names(text) == set()


def test_statement_knows_its_question_and_answer() -> None:
    document = load_text_format("faq.txt", "Is ketamine addictive?\nUnder medical supervision, no. It is monitored.\n", "text")
    statements = describe(document)
    answer = statements[1]
    assert answer.question is statements[0]
    assert answer.answer == "no"
    assert statements[2].answer == ""


def test_cue_about_another_treatment_is_kept_apart() -> None:
    document = load_text_format("x.txt", "Unlike antidepressants, which can take weeks to bring relief, ketamine is given in a clinic.\n", "text")
    statement = describe(document)[0]
    assert not statement.has("effect")
    assert any(cue.name == "effect" for cue in statement.elsewhere)


def test_a_finding_says_how_the_sentence_was_read() -> None:
    result = _LINTER.lint_bytes("page.txt", b"Ketamine is a very safe medicine.", "text")
    finding = next(finding for finding in result.findings if finding.name == "absolute-safety")
    assert finding.match == "safe"
    assert "Read as" in finding.message


def test_scraped_plain_text_keeps_lines_apart() -> None:
    text = "Our Services\nIs ketamine safe?\nYes, it is monitored.\nWho can we help?\nPatients with these conditions:\n- Depression\nOther text here.\n"
    blocks = [(block.kind, block.text) for block in load_text_format("x.txt", text, "text").blocks]
    assert blocks == [
        ("heading", "Our Services"),
        ("heading", "Is ketamine safe?"),
        ("paragraph", "Yes, it is monitored."),
        ("heading", "Who can we help?"),
        ("paragraph", "Patients with these conditions:"),
        ("list_item", "Depression"),
        ("paragraph", "Other text here."),
    ]


def test_hard_wrapped_prose_stays_one_paragraph() -> None:
    text = "Do not eat for four hours before\nyour infusion. Bring a friend to\ndrive you home.\n"
    blocks = [(block.kind, block.text) for block in load_text_format("x.txt", text, "text").blocks]
    assert blocks == [("paragraph", "Do not eat for four hours before your infusion. Bring a friend to drive you home.")]


def test_suicidal_thoughts_in_a_list_of_conditions_is_scope_not_suicide_prevention() -> None:
    names = claim_names("Our infusions treat depression, suicidal thoughts, PTSD and chronic pain.")
    assert "broad-indications" in names and "suicide-prevention" not in names
    assert "suicide-prevention" in claim_names("Our infusions stop suicidal thoughts within a day.")


def test_rapid_effects_are_pharmacology_and_rapid_acting_relief_is_a_promise() -> None:
    """Real reviewers leave "rapid effects" alone (how soon a drug acts is not a promise of relief);
    "rapid-acting relief" and "fast, effective relief" read as one."""
    assert "instant-relief" not in claim_names("Ketamine has rapid effects on the brain's glutamate system.")
    assert "instant-relief" in claim_names("Our lozenges bring rapid-acting relief.")
    assert "instant-relief" in claim_names("The result is fast, effective relief.")


def test_rules_asking_later_judge_a_clause_as_the_analysis_did() -> None:
    """A comparison's words do not make its clause about the other treatment, for the analysis's
    own cues and for rules that ask about a match's clause afterwards alike."""
    (statement,) = describe(load_text_format("page.txt", "It helps people who are resistant to conventional medications.\n", "text"))
    assert statement.has("effect")
    assert not statement.about_other_treatment_at(statement.sentence.start + 3)
    (other,) = describe(load_text_format("page.txt", "Antidepressants, which take weeks, help some people.\n", "text"))
    assert other.about_other_treatment_at(other.sentence.start + 2)
