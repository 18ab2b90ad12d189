"""The claims rules as a user meets them: whole documents, quotations, answers to
questions, fair balance and its metrics, and the labelled corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaplint.cli import main
from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.kinds.balance import BalanceKind, analyse_balance
from kaplint.kinds.base import ParamError
from kaplint.kinds.conditions import ConditionListKind
from kaplint.loaders import load_text_format
from kaplint.rulepacks import load_rules

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from evaluate_corpus import evaluate_claims, load_corpus  # noqa: E402

RULES = load_rules()
CLAIM_RULES = [rule for rule in RULES if rule.category == "claims"]
CATEGORIES = [
    "guarantee", "cure", "absolute-safety", "no-side-effects", "not-addictive", "minimized-risk", "hype",
    "unsupported-comparison", "instant-relief", "unsourced-statistic", "unsupported-evidence", "mechanism-overclaim",
    "broad-indications", "suicide-prevention", "testimonial", "safety-by-association", "home-use-minimized",
    "weak-qualifier", "fair-balance",
]

BENEFITS_ARTICLE = """# Ketamine-assisted psychotherapy

KAP combines ketamine with talk therapy.

## Benefits

- Rapid relief: many people feel better within hours of their first session
- Neuroplasticity: ketamine opens a window in which your brain can rewire itself
- Enhanced therapy: breakthroughs that took years of talk therapy happen in one session
- Improved engagement: clients feel more open and motivated

Ketamine-assisted psychotherapy is a revolutionary breakthrough in mental health care.
"""


def findings(text: str, select: tuple[str, ...] = ("claims",), profile: str = "web"):  # type: ignore[no-untyped-def]
    linter = Linter(Config(), RunOptions(select=select, profile=profile), rules=RULES)
    return linter.lint_bytes("page.md", text.encode("utf-8"))


def test_one_rule_per_claim_category_in_order() -> None:
    assert [rule.name for rule in CLAIM_RULES] == CATEGORIES
    assert [rule.id for rule in CLAIM_RULES][:18] == [f"KAP{number}" for number in range(301, 319)]
    assert CLAIM_RULES[-1].id == "KAP320"


def test_benefits_article_without_risks_gets_fair_balance_error_hype_and_instant_relief() -> None:
    result = findings(BENEFITS_ARTICLE)
    by_name = {finding.name: finding for finding in result.findings}
    assert str(by_name["fair-balance"].severity) == "error"
    assert "hype" in by_name and "instant-relief" in by_name
    balance = result.metrics["balance"]
    assert balance["benefits"] >= 4 and balance["risks"] == 0
    assert balance["benefit_statements"][0]["line"] >= 3


@pytest.mark.parametrize("name", ["b-handout-1.md", "e-handout-1.md"])
def test_balanced_medication_guide_has_no_claims_errors(name: str) -> None:
    document = next(item for item in load_corpus() if item.path.name == name)
    linter = Linter(Config(), RunOptions(select=("claims",), profile="handout"), rules=RULES)
    result = linter.lint_path(document.path, document.path.name)
    assert [f"{f.name}: {f.match}" for f in result.findings if str(f.severity) == "error"] == []


def test_fair_balance_warns_when_risks_are_only_in_a_footer() -> None:
    text = (
        "# Feel like yourself again\n\n"
        "Ketamine brings rapid relief from depression. Patients feel better within days.\n\n"
        "- Fast relief\n- Lasting healing\n- Renewed hope\n\n"
        "## How it works\n\nKetamine helps you heal and feel hopeful again. Book today.\n\n"
        "## Our team\n\nOur caring staff welcome you.\n\n"
        "## Visit us\n\nWe are open six days a week.\n\n"
        "## Legal\n\nKetamine may cause side effects such as nausea and dissociation. Results vary.\n"
    )
    levels = [(finding.name, str(finding.severity)) for finding in findings(text, ("fair-balance",)).findings]
    assert ("fair-balance", "warning") in levels


@pytest.mark.parametrize(("kind", "needed"), [(BalanceKind(), "benefit"), (ConditionListKind(), "conditions")])
def test_claim_kinds_refuse_a_rule_without_the_vocabulary_they_need(kind, needed) -> None:  # type: ignore[no-untyped-def]
    # An empty word list must not compile to a pattern that matches between any two words.
    with pytest.raises(ParamError, match=needed):
        kind.compile({})


def test_a_balance_rule_without_topic_words_judges_every_document_and_empty_lists_match_nothing() -> None:
    compiled = BalanceKind().compile({"benefit": ["relief"], "risk": ["side effects"]})
    document = load_text_format("page.md", "Fast relief for many people. Real relief, every week.\n", "markdown")
    analysis = analyse_balance(compiled, document)
    assert analysis.about_topic
    assert len(analysis.benefits) == 2 and not analysis.risks  # 'harms' and 'not-risk' are empty: nothing counts


def test_a_claim_answered_in_the_next_heading_or_sentence_is_found() -> None:
    text = "# FAQ\n\n## Is ketamine safe?\n\nAbsolutely! Thousands of patients have been treated.\n"
    result = findings(text, ("absolute-safety",))
    assert [(f.line, f.match) for f in result.findings] == [(5, "Absolutely!")]


def test_claims_in_a_patient_quote_say_the_publisher_is_responsible() -> None:
    result = findings('> "Ketamine cured my depression completely." - Sam, patient\n', ("cure",))
    assert result.findings and "publisher is responsible" in result.findings[0].message


def test_a_claim_quoted_to_correct_it_is_not_a_finding() -> None:
    text = 'Some websites call ketamine "100% safe". That is not true: it has real risks.\n'
    assert findings(text, ("absolute-safety",)).findings == []


def test_a_rhetorical_question_is_a_claim_but_a_real_one_is_not() -> None:
    assert findings("Why settle for pills when ketamine is safer than antidepressants?\n", ("unsupported-comparison",)).findings
    assert not findings("Is ketamine safer than antidepressants?\n", ("unsupported-comparison",)).findings


@pytest.mark.parametrize("name", CATEGORIES)
def test_explain_every_category(name: str) -> None:
    result = CliRunner().invoke(main, ["explain", name])
    assert result.exit_code == 0
    for heading in ("What it checks", "Why it matters", "A better way to say it", "Sources"):
        assert heading in result.output, (name, heading)


def test_corpus_precision_and_recall_for_claims() -> None:
    """Claim findings on the team corpus: precision 0.90 and recall 0.85."""
    score = evaluate_claims(load_corpus()).overall
    assert score.precision >= 0.90, score
    assert score.recall >= 0.85, score


def test_an_answer_and_the_claim_its_paragraph_makes_are_one_finding() -> None:
    text = "## Is ketamine safe?\n\nYes! Ketamine is a risk-free option when given by our team.\n"
    result = findings(text, ("absolute-safety",))
    assert [f.match for f in result.findings] == ["Yes! Ketamine is a risk-free"]


def test_a_bare_answer_is_still_the_claim() -> None:
    text = "## Is ketamine safe?\n\nYes. Our team has given thousands of infusions.\n"
    assert [f.match for f in findings(text, ("absolute-safety",)).findings] == ["Yes."]


def test_two_phrases_of_one_claim_are_one_finding_underlining_both() -> None:
    text = "Ketamine is a breakthrough, the revolution in mental health we have waited for.\n"
    result = findings(text, ("hype",))
    assert len(result.findings) == 1
    assert result.findings[0].match.startswith("breakthrough") and result.findings[0].match == "breakthrough, the revolution in"


def test_claims_in_two_sentences_or_far_apart_stay_separate_findings() -> None:
    text = "Ketamine is a breakthrough. It is the revolution in mental health we have waited for.\n"
    assert len(findings(text, ("hype",)).findings) == 2
    text = "Ketamine rewires the brain, and when you come back for your second visit our team helps your brain heal itself.\n"
    assert [f.match for f in findings(text, ("mechanism-overclaim",)).findings] == ["rewires the brain", "brain heal itself"]


def test_a_credited_first_person_testimonial_is_reported_as_testimonial_not_as_a_speed_promise() -> None:
    text = "Our clients say it best.\n\n> \"I felt better after one session. I wish I had come years ago.\" - Dana K., patient\n"
    names = {f.name for f in findings(text, ("testimonial", "instant-relief")).findings}
    assert names == {"testimonial"}
    # the same words in the publisher's voice are a speed promise
    assert findings("You will feel better after one session.\n", ("instant-relief",)).findings


def test_fair_balance_counts_neither_risks_of_other_treatments_nor_idioms_as_statements() -> None:
    rule = next(rule for rule in RULES if rule.name == "fair-balance")
    text = (
        "# Ketamine therapy\n\nMany older antidepressants bring weight gain and other unwelcome side effects.\n\n"
        "Feel free to bring your questions, hopes and fears to your preparation session.\n\n"
        "Ketamine can cause nausea and a rise in blood pressure.\n"
    )
    document = load_text_format("page.md", text, "markdown")
    analysis = analyse_balance(rule.compiled, document)
    assert [statement.text for statement in analysis.risks] == ["Ketamine can cause nausea and a rise in blood pressure."]
    assert analysis.benefits == []


def test_an_answer_to_how_it_differs_from_other_medicines_compares_only_with_speed_or_a_comparative() -> None:
    explains = "How is ketamine different from SSRIs?\n\nIt acts on glutamate, which also affects mood.\n"
    promises = "How is ketamine different from SSRIs?\n\nIt brings relief within hours.\n"
    ranks = "How is ketamine different from SSRIs?\n\nIt is simply the stronger medicine.\n"
    assert "unsupported-comparison" not in {finding.name for finding in findings(explains).findings}
    assert "unsupported-comparison" in {finding.name for finding in findings(promises).findings}
    assert "unsupported-comparison" in {finding.name for finding in findings(ranks).findings}


def test_fair_balance_reads_harms_of_a_condition_as_the_illness_not_as_risks_of_the_treatment() -> None:
    rule = next(rule for rule in RULES if rule.name == "fair-balance")
    text = (
        "# Ketamine for migraine\n\nMigraine attacks can bring throbbing headaches and nausea.\n\n"
        "Long periods of stress may damage nerve cells.\n\n"
        "Ketamine can cause headaches and nausea in some people.\n\n"
        "It may cause dizziness for an hour or two.\n"
    )
    analysis = analyse_balance(rule.compiled, load_text_format("page.md", text, "markdown"))
    assert [statement.text for statement in analysis.risks] == [
        "Ketamine can cause headaches and nausea in some people.",
        "It may cause dizziness for an hour or two.",
    ]


def test_a_question_asks_only_after_its_colon_what_comes_before_is_stated() -> None:
    text = (
        "Our clinic offers a groundbreaking therapy for low mood, and callers often raise one point: "
        "will my health plan pay for the sessions?\n"
    )
    assert [f.match for f in findings(text, ("hype",)).findings] == ["groundbreaking"]
    assert findings("Is ketamine a groundbreaking therapy?\n", ("hype",)).findings == []


def test_speed_that_can_happen_or_often_happens_is_no_promise_but_speed_as_fact_is() -> None:
    for text in (
        "Our infusions can bring quick relief from low mood.\n",
        "Clients often say the heaviness lifts within hours.\n",
    ):
        assert findings(text, ("instant-relief",)).findings == [], text
    assert findings("Our infusions bring quick relief from low mood.\n", ("instant-relief",)).findings
    assert findings("The heaviness lifts within hours.\n", ("instant-relief",)).findings


@pytest.mark.parametrize(
    "text",
    [
        "Over the last decade ketamine has gained attention as a possible treatment for low mood, OCD, PTSD and other mood disorders.\n",
        "Researchers have looked at its potential to treat anxiety, chronic pain and other psychiatric disorders.\n",
        "Doctors often give SSRIs to veterans with PTSD for the depression, anxiety and insomnia that come with it.\n",
    ],
)
def test_scope_described_as_interest_or_about_other_treatments_is_not_broad_indications(text: str) -> None:
    assert findings(text, ("broad-indications",)).findings == []


def test_scope_offered_as_uses_is_broad_indications_with_or_without_a_list() -> None:
    assert findings("Ketamine treats depression, anxiety, PTSD, and other mood disorders.\n", ("broad-indications",)).findings
    assert findings("Our infusions help with a variety of mental health conditions.\n", ("broad-indications",)).findings


def test_a_topic_heading_names_a_mechanism_without_claiming_it() -> None:
    text = "# Neuroplasticity\n\nResearchers are still learning how ketamine affects the brain.\n"
    assert findings(text, ("mechanism-overclaim",)).findings == []
    assert findings("# Ketamine rewires your brain\n\nBook a visit today.\n", ("mechanism-overclaim",)).findings


def test_a_hedge_reaches_over_a_list_of_participles() -> None:
    text = "This messenger has been linked to the growth of new neurons, creating new connections between brain areas.\n"
    assert findings(text, ("mechanism-overclaim",)).findings == []
    text = "Ketamine may ease pain, and it rewires the brain in one session.\n"
    assert findings(text, ("mechanism-overclaim",)).findings


@pytest.mark.parametrize(
    "text",
    [
        "Troches are an option for some patients, but this route is less research-supported than infusions.\n",
        "Our counselors offer evidence-based psychotherapy in person and online.\n",
    ],
)
def test_a_rules_exceptions_excuse_its_statement_matches_too(text: str) -> None:
    assert findings(text, ("unsupported-evidence",)).findings == []


def test_evidence_based_ketamine_therapy_is_still_an_appeal_to_evidence() -> None:
    assert findings("We offer evidence-based ketamine therapy.\n", ("unsupported-evidence",)).findings


def test_transformative_describes_an_experience_but_transformative_results_are_hype() -> None:
    assert findings("Many people describe the session as deeply transformative.\n", ("hype",)).findings == []
    assert findings("Ketamine delivers transformative results.\n", ("hype",)).findings


def test_a_risk_beside_it_does_not_excuse_words_that_play_risks_down() -> None:
    text = "Some people notice mild nausea or dizziness. These pass quickly and are totally harmless.\n"
    assert findings(text, ("minimized-risk",)).findings
    text = "Ketamine can raise your blood pressure and make you sleepy. Most people feel back to normal by the next morning.\n"
    assert findings(text, ("minimized-risk",)).findings == []


def test_fair_balance_does_not_count_interest_or_lost_hope_as_benefits() -> None:
    rule = next(rule for rule in RULES if rule.name == "fair-balance")
    text = (
        "# When you start to lose hope\n\n"
        "Lately ketamine has gained attention as a possible option for low mood.\n\n"
        "Ketamine relieves depression within hours.\n"
    )
    analysis = analyse_balance(rule.compiled, load_text_format("page.md", text, "markdown"))
    assert [statement.text for statement in analysis.benefits] == ["Ketamine relieves depression within hours."]


def test_taking_precautions_for_your_comfort_is_no_risk_statement_but_a_list_of_precautions_is() -> None:
    rule = next(rule for rule in RULES if rule.name == "fair-balance")
    text = "Our staff take every precaution so that you feel at ease.\n\nPrecautions: do not drive until the next day.\n"
    analysis = analyse_balance(rule.compiled, load_text_format("page.md", text, "markdown"))
    assert [statement.text for statement in analysis.risks] == ["Precautions: do not drive until the next day."]


def test_a_title_case_heading_names_a_risk_section_without_being_a_risk_statement() -> None:
    rule = next(rule for rule in RULES if rule.name == "fair-balance")
    text = (
        "# Spravato Treatment\n\n## Benefits and Possible Risks\n\n"
        "Spravato eases depression for many adults.\n\nTherapy can help you manage distress.\n"
    )
    analysis = analyse_balance(rule.compiled, load_text_format("page.md", text, "markdown"))
    assert analysis.risks == []
    assert findings(text, ("fair-balance",)).findings


def test_a_figure_about_another_treatment_is_not_an_unsourced_ketamine_statistic() -> None:
    text = "Low mood often resists the first pill: more than half of people do not respond to their first antidepressant.\n"
    assert findings(text, ("unsourced-statistic",)).findings == []
    assert findings("More than half of our patients respond after one ketamine infusion.\n", ("unsourced-statistic",)).findings


def test_unlike_pills_that_need_weeks_is_a_comparison_however_the_weeks_are_put() -> None:
    for text in (
        "Relief can start within a day, unlike most pills which need several weeks.\n",
        "Unlike standard antidepressants, which can take several weeks to work, our infusions act the same day.\n",
    ):
        assert findings(text, ("unsupported-comparison",)).findings, text
    assert findings("Standard antidepressants can take several weeks to work.\n", ("unsupported-comparison",)).findings == []


def test_a_list_member_with_its_own_quantifier_is_not_denied_by_the_first() -> None:
    assert findings("No side effects, zero downtime!\n", ("minimized-risk",)).findings
    text = "No weight gain, no emotional numbness -- none of the side effects that make people quit their pills.\n"
    assert findings(text, ("no-side-effects",)).findings
    # a plain list stays denied: "no nausea, headache or dizziness" is a denial of each
    assert findings("Ketamine is not a cure, miracle or magic bullet.\n", ("hype",)).findings == []


@pytest.mark.parametrize(
    "text",
    [
        "No one can say that ketamine is a safe medicine for everyone.\n",
        'Their promise: "ketamine is a safe medicine", they say. We disagree.\n',
        "<p>Their promise: &ldquo;ketamine is a safe medicine&rdquo;, they say. We disagree.</p>\n",
    ],
)
def test_a_rules_own_exceptions_hold_for_what_its_statements_find(text: str) -> None:
    linter = Linter(Config(), RunOptions(select=("absolute-safety",), profile="web"), rules=RULES)
    name = "page.html" if text.startswith("<") else "page.md"
    assert linter.lint_bytes(name, text.encode("utf-8")).findings == []


def test_an_answer_and_a_claim_far_along_its_paragraph_stay_two_findings() -> None:
    filler = "Our nurses check on you often, and the room is quiet and warm, with a chair that reclines. " * 2
    text = f"## Is ketamine safe?\n\nYes. {filler}Our clinic is a risk-free place to heal.\n"
    result = findings(text, ("absolute-safety",))
    assert [f.match for f in result.findings] == ["Yes.", "risk-free"]


@pytest.mark.parametrize(
    "text",
    [
        "Is ketamine \u2014 the miracle cure everyone talks about \u2014 right for you?\n",
        "Question for your doctor: is ketamine 100% safe for me; will it cure my depression?\n",
    ],
)
def test_a_question_with_an_aside_or_a_short_lead_still_asks(text: str) -> None:
    assert findings(text, ("cure", "hype", "absolute-safety")).findings == []


def test_a_claim_later_in_the_answers_next_sentence_stands_for_the_answer() -> None:
    text = "## Will I get addicted?\n\nNo. At the low doses we prescribe in our clinic, ketamine is not addictive.\n"
    assert [f.match for f in findings(text, ("not-addictive",)).findings] == ["is not addictive"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We know of no reported lasting side effects from our treatment.", "minimized-risk"),
        ("Light-headedness clears up quickly, so plan a normal evening.", "minimized-risk"),
        ("It has been given safely in our clinic for over twenty years.", "safety-by-association"),
        ("Our troches lift anxiety in roughly 55-65 percent of clients.", "unsourced-statistic"),
    ],
)
def test_wordings_found_after_the_final_measurement(text: str, name: str) -> None:
    assert name in {finding.name for finding in findings(text + "\n").findings}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The lift in mood lasted a few weeks, a short-term benefit rather than a permanent cure.", "cure"),
        ("Whether our infusions lower the risk of suicide has not been demonstrated.", "suicide-prevention"),
    ],
)
def test_a_claim_denied_by_contrast_or_by_its_own_limit_is_left_alone(text: str, name: str) -> None:
    assert name not in {finding.name for finding in findings(text + "\n").findings}


def test_a_contrast_denies_only_the_phrase_right_after_it() -> None:
    text = "We chose ketamine rather than ECT because it cures depression.\n"
    assert "cure" in {finding.name for finding in findings(text).findings}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Research and clinical experience have shown how much our infusions help.", "unsupported-evidence"),
        ("Ketamine has recently been found to be helpful for treating anxiety.", "unsupported-evidence"),
        ("Its antidepressant effects are well established.", "unsupported-evidence"),
        ("Our nasal spray shows great promise in treating low mood.", "weak-qualifier"),
        ("It is a powerfully effective treatment for low mood.", "hype"),
        ("Integration is the next big thing in mental health.", "hype"),
        ("After six sessions, Maria is starting to feel like herself again.", "testimonial"),
        ("Our program helped Daniel's treatment-resistant depression ease.", "testimonial"),
        ("Infusions give more lasting relief than standard antidepressants.", "unsupported-comparison"),
    ],
)
def test_further_forms_found_after_the_final_measurement(text: str, name: str) -> None:
    assert name in {finding.name for finding in findings(text + "\n").findings}


def test_established_anesthetic_safety_is_no_appeal_to_evidence() -> None:
    text = "Ketamine has well-established safety and efficacy as an anesthetic.\n"
    assert "unsupported-evidence" not in {finding.name for finding in findings(text).findings}


def test_explain_a_category_lists_its_rules_one_line_each() -> None:
    result = CliRunner().invoke(main, ["explain", "claims"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"claims (category, {len(CLAIM_RULES)} rules):"
    assert [line.split()[0] for line in lines[1 : 1 + len(CLAIM_RULES)]] == [rule.id for rule in CLAIM_RULES]
    assert "did you mean 'claims'" in CliRunner().invoke(main, ["explain", "claim"]).output


def test_a_potential_to_help_is_a_possibility_not_a_comparison() -> None:
    hedged = "It shows potential to help people who have not responded to standard medicines.\n"
    firm = "Ketamine helps people who have not responded to standard medicines.\n"
    assert "unsupported-comparison" not in {finding.name for finding in findings(hedged).findings}
    assert "unsupported-comparison" in {finding.name for finding in findings(firm).findings}


def test_a_diminished_chemical_in_a_theory_is_no_effect_claim() -> None:
    text = "One theory holds that low serotonin activity, diminished over years, causes depression symptoms.\n"
    assert not {finding.name for finding in findings(text).findings} & {"unsupported-comparison", "mechanism-overclaim"}


# Forms from the fifth, sixth and seventh batches of real pages, in our own words: (text, claim category, reported?)
@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ("Findings show ketamine eases low mood within days.", "unsupported-evidence", True),
        ("According to the literature, relief came within a day for most people.", "unsupported-evidence", True),
        ("The bulk of the research supports the use of ketamine for hard-to-treat depression.", "unsupported-evidence", True),
        ("The weight of evidence favors infusions for depression that other medicines did not help.", "unsupported-evidence", True),
        ("We follow well-studied protocols for nasal ketamine.", "unsupported-evidence", True),
        ("According to a 2019 review by Lee and colleagues, about half of people improved.", "unsupported-evidence", False),
        ("Our findings show that most visitors read the aftercare page first.", "unsupported-evidence", False),
        ("The literature shows that ketamine can raise blood pressure for about an hour.", "unsupported-evidence", False),
        ("We follow a written protocol for every visit.", "unsupported-evidence", False),
        ("Ketamine decreases suicidal thoughts.", "suicide-prevention", True),
        ("Our infusions lessen suicidal thinking within a day.", "suicide-prevention", True),
        ("Ketamine may decrease suicidal thoughts for a few days.", "suicide-prevention", False),
        ("Spravato does not decrease suicidal thoughts faster than other care.", "suicide-prevention", False),
        ("Ketamine takes effect quickly.", "instant-relief", True),
        ("Unlike older antidepressants, it takes effect very fast.", "instant-relief", True),
        ("Ketamine can take effect quickly for some people.", "instant-relief", False),
        # a failure that belongs to the other treatment is no effect of this one
        ("Ketamine is an option once other medicines have failed to bring a response.", "unsupported-comparison", False),
        ("Ketamine works when other treatments have failed.", "unsupported-comparison", True),
        ("Ketamine helped people who had failed other forms of anxiety treatment.", "unsupported-comparison", True),
        # an instruction to watch for a change asks; it does not promise the change
        ("While you take ketamine, note whether your suicidal thoughts lessen, and tell us.", "suicide-prevention", False),
        ("Ketamine decreases suicidal thoughts.", "suicide-prevention", True),
        # a named business reported in the third person, as news does
        ('Riverside Ketamine promised "life-changing" results. The chain shut its doors in May.', "hype", False),
        ("Harbor Clinic promotes ketamine, once an anesthetic, as a remedy for thirty conditions, from migraines to low mood and back pain.", "broad-indications", False),
        ('Our ketamine program offers "life-changing" results.', "hype", True),
        # a theory held as a theory
        ("Ketamine is believed to reset some neural circuits.", "mechanism-overclaim", False),
        ("Ketamine resets the neural circuits of depression.", "mechanism-overclaim", True),
        # intensified effect in the publisher's voice
        ("Ketamine is an excellent alternative for people with obsessive-compulsive disorder.", "hype", True),
        ("Spravato is an excellent treatment choice for depression.", "hype", True),
        ("At-home troches have a high rate of efficacy.", "hype", True),
        ("Our clinic offers impressive results for people with depression.", "hype", True),
        ("Our clinic offers impressive results for people with depression.", "weak-qualifier", False),
        ("Ketamine has become a promising option for people with hard-to-treat depression.", "weak-qualifier", False),
        ("A promising new treatment that ends depression for good.", "weak-qualifier", True),
        ("Ketamine is rapidly effective for anxiety.", "instant-relief", True),
        ("Ketamine has been shown to be particularly helpful for people with treatment-resistant depression.", "unsupported-evidence", True),
        ("It is helpful to bring a warm blanket to your session.", "unsupported-evidence", False),
        # self-harm is a condition treated, not a harm of the treatment that would balance the claim
        ("Studies show that esketamine can greatly reduce thoughts of self-harm.", "unsupported-evidence", True),
        ("Studies show that ketamine can harm the bladder.", "unsupported-evidence", False),
        ("Ketamine is used with psychotherapy to help clients experience more frequent breakthroughs and lasting relief.", "unsupported-comparison", True),
        ("Ketamine is used with psychotherapy to help clients experience more frequent breakthroughs and lasting relief.", "hype", False),
        ("Clients often achieve major breakthroughs in their sessions.", "hype", False),
        ("Ketamine is a breakthrough treatment for depression.", "hype", True),
        ("Ketamine can help clients who tried several other medicines without any relief.", "unsupported-comparison", True),
        ("Infusions can ease nerve pain in cases where antidepressants proved unsuccessful.", "unsupported-comparison", True),
        ("Our infusions bring relief to adults who might not have responded to standard care.", "unsupported-comparison", True),
        ("Ketamine helps people whose pain is refractory to conventional forms of therapy.", "unsupported-comparison", True),
        ("Ketamine lifts low mood more quickly than daily pills do.", "unsupported-comparison", True),
        ("The spray eases depression by getting to parts of the brain that oral medications often cannot reach.", "unsupported-comparison", True),
        # who the service is for, with no effect claimed ("has not improved" is no benefit)
        ("Our program offers two options for adults whose low mood has not improved with other treatments.", "unsupported-comparison", False),
        ("Ask us about other treatment options if ketamine is not right for you.", "unsupported-comparison", False),
        ("It sits on the essential medicines list for its safety, so you can trust it.", "safety-by-association", True),
        ("It has been given safely and reliably as an anesthetic for many decades.", "safety-by-association", True),
        ("Nearly everyone tolerates the lozenge with no trouble.", "minimized-risk", True),
        ("Tell us if you cannot tolerate the lozenge's taste.", "minimized-risk", False),
        # research credited with an outcome, a result set before the claim, a finding said to prove it
        ("Research reports fewer cravings after a course of infusions.", "unsupported-evidence", True),
        ("Research reports that some people have cravings after a course of infusions.", "unsupported-evidence", False),
        ("In several controlled trials, ketamine produced quick improvement in stubborn depression.", "unsupported-evidence", True),
        ("In several controlled trials, patients felt dizzy for about an hour.", "unsupported-evidence", False),
        ("This was an important finding that shows infusions work for pain.", "unsupported-evidence", True),
        ("Dozens of case reports describe lozenges easing migraines.", "unsupported-evidence", False),
        ("Many case reports describe lozenges being helpful for migraines.", "unsupported-evidence", True),
        ("There is compelling evidence that ketamine eases depression.", "unsupported-evidence", True),
        ("There is no clear evidence that ketamine eases pain for more than a few weeks.", "unsupported-evidence", False),
        ("Public clinics have also demonstrated its safety and feasibility.", "unsupported-evidence", True),
        # a failure put as falling short, of care with any adjective
        ("Infusions bring relief where existing treatments have come up short.", "unsupported-comparison", True),
        ("If your first dose falls short of what you hoped, tell your doctor.", "unsupported-comparison", False),
        # the other treatment set first, the comparative after; another form of ketamine is no other treatment
        ("Compared with SSRIs, it brings fewer side effects.", "unsupported-comparison", True),
        ("Unlike IV ketamine infusions, lozenges are more practical for some people.", "unsupported-comparison", False),
        ("Unlike older antidepressants, it works without their troublesome side effects.", "no-side-effects", True),
        ("Older antidepressants often cause weight gain and other side effects.", "no-side-effects", False),
        # a use chosen because of the treatment's safety record
        ("It is often given to children and frail older adults because of its safety record.", "safety-by-association", True),
        ("It is sometimes given to children in emergency rooms, where staff watch breathing closely.", "safety-by-association", False),
        # home dosing sold on convenience
        ("Lozenges are available for convenient at-home use.", "home-use-minimized", True),
        ("Lozenges are taken at home only after a first supervised dose in our office.", "home-use-minimized", False),
        ("Many people find a guided session can be incredibly healing.", "hype", True),
        # plasticity defined is a capacity of the brain; the treatment said to strengthen it is the claim
        ("Plasticity is the brain's own way of forming fresh connections over a lifetime.", "mechanism-overclaim", False),
        ("Low doses bring an enhancement of neuroplasticity, the capacity of nerve cells to form new connections.", "mechanism-overclaim", True),
        ("The brain's capacity to build new connections is boosted by ketamine.", "mechanism-overclaim", True),
        # brain wiring named is explanation; wiring the treatment builds is the claim
        ("Long stress can thin the neural pathways that help us plan.", "mechanism-overclaim", False),
        ("Our infusions restore neural pathways worn down by stress.", "mechanism-overclaim", True),
        ("Ketamine encourages neural connections to grow back.", "mechanism-overclaim", True),
        # a theory or a possibility is a hedge
        ("It is possible that ketamine creates new synaptic connections.", "mechanism-overclaim", False),
        ("One theory says it rebuilds neural pathways damaged by trauma.", "mechanism-overclaim", False),
        # pharmacology and prevalence are not results
        ("At these doses it has a profound blocking effect on NMDA receptors.", "hype", False),
        ("Our patients describe dramatic relief after the first week.", "hype", True),
        ("The United States has one of the highest rates of bipolar disorder in the world.", "unsupported-comparison", False),
        ("Our clinic has the highest response rates in the state.", "unsupported-comparison", True),
        # reported experience in the publisher's voice, and the publisher's own first-hand account
        ("Several clients have reported relief within a day of their first session.", "testimonial", True),
        ("Several clients have reported headaches within a day of their first session.", "testimonial", False),
        ("Clients have told us that they feel a new sense of calm.", "testimonial", True),
        ("Many have experienced real relief from their symptoms.", "testimonial", True),
        ("Clients often achieve major breakthroughs with this approach.", "testimonial", True),
        ("I have watched the lasting changes my clients make in this work.", "testimonial", True),
        ("I have seen how unsettling a first session can feel for some clients.", "testimonial", False),
        # a list of conditions presented as results is a list of uses
        ("Low-dose infusions have shown strong results for depression, PTSD, OCD and chronic pain.", "broad-indications", True),
        ("Researchers are testing whether infusions bring results for PTSD, OCD and chronic pain.", "broad-indications", False),
        ("Trials have determined that lozenges ease depression.", "unsupported-evidence", True),
        ("Trials have not determined whether lozenges ease depression.", "unsupported-evidence", False),
        ("Our program is an evidenced-based option for depression.", "unsupported-evidence", True),
    ],
)
def test_real_page_forms(text: str, name: str, found: bool) -> None:
    assert (name in {finding.name for finding in findings(text + "\n").findings}) is found


def test_a_veto_that_reads_the_claims_own_word_speaks_only_for_that_word() -> None:
    """'monitored for safe use' is procedure, but it does not excuse the 'is safe' before it."""
    claim = "While Spravato is safe and effective, it must be given in a certified center where patients are monitored for safe use.\n"
    assert "absolute-safety" in {finding.name for finding in findings(claim).findings}
    assert "absolute-safety" not in {finding.name for finding in findings("We keep you safe during every session.\n").findings}
    assert "absolute-safety" not in {finding.name for finding in findings("Patients are monitored for safe use.\n").findings}


def test_a_named_business_reported_in_the_news_makes_no_claim_of_the_publisher() -> None:
    news = (
        'Lakeshore Ketamine Centers promised "life-changing" care for suicidal ideation, depression and PTSD, '
        "then closed without notice.\n"
    )
    assert not {finding.name for finding in findings(news).findings} & {"broad-indications", "suicide-prevention", "hype"}
    promoted = (
        "Northwind Health promotes ketamine, an old surgical anesthetic that later became a club drug, "
        "as a treatment for twenty conditions, among them depression, chronic pain and migraines.\n"
    )
    assert "broad-indications" not in {finding.name for finding in findings(promoted).findings}
    assert "broad-indications" in {finding.name for finding in findings("Our clinic treats depression, PTSD, OCD, anxiety and chronic pain.\n").findings}


# Sentences that only look like risks, each beside one that states the risk: (look-alike, risk statement)
@pytest.mark.parametrize(
    ("look_alike", "risk"),
    [
        # a serious condition is no serious harm; a minimizing sentence that says the harm can be serious stays a risk
        ("We use ketamine for OCD but also for other serious mood conditions.", "Side effects are uncommon, but they can be serious."),
        ("Side effects are rare and mild.", "Side effects are uncommon, but they can be serious."),
        # a condition treated is no harm of the treatment
        ("Ketamine can help people living with depression, anxiety, PTSD and addiction.", "Ketamine can lead to addiction in people with a history of substance use."),
        # off-label as the way uses are offered, against off-label said as a caveat
        ("We prescribe ketamine off-label for many conditions, among them depression and PTSD.", "The use of ketamine for depression is off-label."),
    ],
)
def test_fair_balance_counts_the_risk_and_not_its_look_alike(look_alike: str, risk: str) -> None:
    rule = next(rule for rule in RULES if rule.name == "fair-balance")
    document = load_text_format("page.md", f"# Ketamine\n\n{look_alike}\n\n{risk}\n", "markdown")
    assert [statement.text for statement in analyse_balance(rule.compiled, document).risks] == [risk]
