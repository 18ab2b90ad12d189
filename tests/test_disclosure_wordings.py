"""More wordings of the disclosure core points, each beside look-alikes that must not count.

Real pages state an element's core point in words the vocabularies lacked ("the
nurse will be there during your infusion", "refrain from driving after your
dose", "preliminary evidence"), or with its frame in a heading or lead-in
("Rare:" over "- shallow respirations"). Each wording below is written for this
test; the look-alikes share its words but not its point, and stay missing.
"""

from __future__ import annotations

import pytest
from helpers import disclosure_missing as is_missing


INFUSIONS = "Our clinic offers ketamine infusions for depression. Each infusion takes about 40 minutes.\n\n"
BENEFIT = "Ketamine infusions can ease depression and anxiety.\n\n"
SPRAVATO = "We offer Spravato (esketamine) nasal spray for treatment-resistant depression.\n\n"


# monitoring: a clinician who is there for the dose, gives it or guides it ----------------------
@pytest.mark.parametrize(
    "text",
    [
        "A registered nurse will be there during your infusion.",
        "Your therapist will be there to support you through the dose.",
        "A psychiatrist accompanies you through every stage of the session.",
        "A physician administers each infusion.",
        "Each dosing session is guided by a licensed therapist over video.",
        "The treatment is usually conducted under the supervision of a medical professional.",
    ],
)
def test_a_clinician_there_for_the_dose_is_monitoring(text: str) -> None:
    assert not is_missing("monitoring", INFUSIONS + text)


@pytest.mark.parametrize(
    "text",
    [
        "Our staff will be there to greet you when you arrive.",
        "The therapist leads the integration sessions the following week.",
        "Our practice operates under the supervision of a medical director.",
        "Your partner will be there during your infusion.",
        "Your doctor prescribes the medicine after a consultation.",
    ],
)
def test_greeting_integration_and_practice_oversight_are_not_monitoring(text: str) -> None:
    assert is_missing("monitoring", INFUSIONS + text)


# screening: suitability discussed, medical clearance, health forms, "not ideal for people with" ---
@pytest.mark.parametrize(
    "text",
    [
        "Before booking, we talk through whether ketamine is appropriate for you.",
        "Before the first dose you are interviewed by our psychiatrist.",
        "Every patient needs medical clearance first.",
        "Ketamine is not ideal for anyone with uncontrolled seizures.",
        "Please fill in the questionnaire. It asks about your symptoms and the medicines you take.",
    ],
)
def test_suitability_clearance_and_health_forms_are_screening(text: str) -> None:
    assert not is_missing("screening", INFUSIONS + text)


@pytest.mark.parametrize(
    "text",
    [
        "Fill in the booking form to choose a time.",
        "We discuss your goals for the session.",
        "A long wait is not ideal for a busy morning.",
    ],
)
def test_booking_forms_and_goals_are_not_screening(text: str) -> None:
    assert is_missing("screening", INFUSIONS + text)


# driving: "refrain from driving after the dose", a ride that must be arranged ---------------------
@pytest.mark.parametrize(
    "text",
    [
        "Refrain from driving after your dose.",
        "Avoid operating heavy machinery for the rest of the day after each session.",
        "Arrange for a family member (over 18) to drive you to and from the clinic.",
        "Arranging transportation home is the one thing you must do before the day.",
        "The clinic requires a ride home after every infusion.",
    ],
)
def test_refraining_from_driving_and_arranging_a_ride_count(text: str) -> None:
    assert not is_missing("driving", INFUSIONS + text)


@pytest.mark.parametrize(
    "text",
    [
        "Avoid driving to the clinic during rush hour.",
        "We are a short drive from the highway, with free parking.",
        "We plan each visit around your schedule.",
    ],
)
def test_directions_and_traffic_are_not_a_driving_warning(text: str) -> None:
    assert is_missing("driving", INFUSIONS + text)


# credentials: an anesthesia provider; a doctor who gives the treatment ----------------------------
@pytest.mark.parametrize(
    "text",
    ["Your anesthesia provider stays in the building.", "A physician administers each infusion."],
)
def test_anesthesia_providers_and_doctors_who_give_it_are_credentials(text: str) -> None:
    assert not is_missing("credentials", INFUSIONS + text, profile="consent")


def test_a_list_of_your_own_doctors_is_not_credentials() -> None:
    assert is_missing("credentials", INFUSIONS + "Bring a list of the doctors you see.", profile="consent")


# evidence-limits: how long it lasts, a recommended schedule, early evidence -----------------------
@pytest.mark.parametrize(
    "text",
    [
        "The effects usually last for several weeks.",
        "The benefit lasts 4-10 days after a single dose.",
        "Your clinician may recommend one infusion every four to six weeks.",
        "Several sessions are usually needed for lasting effects.",
        "Preliminary results suggest it may help with eating disorders.",
        "Research on ketamine for eating disorders is still new.",
    ],
)
def test_duration_schedule_and_early_evidence_are_evidence_limits(text: str) -> None:
    assert not is_missing("evidence-limits", BENEFIT + text)


@pytest.mark.parametrize(
    "text",
    [
        "Some clients book a session every few months to check in on their goals.",
        "Early studies showed fast relief.",
        "Each infusion lasts about 40 minutes.",
    ],
)
def test_optional_visits_and_cited_studies_are_not_evidence_limits(text: str) -> None:
    assert is_missing("evidence-limits", BENEFIT + text)


# dissociation: "your sense of time may be changed" ----------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "During the infusion your perception of your surroundings can feel different.",
        "Your experience of your body may be altered for an hour.",
    ],
)
def test_perception_said_to_change_is_dissociation(text: str) -> None:
    assert not is_missing("dissociation", INFUSIONS + text)


def test_a_changed_outlook_is_not_dissociation() -> None:
    assert is_missing("dissociation", INFUSIONS + "Many people say their outlook on life has changed.")


# sedation-breathing: a bare line framed as an effect by its heading or lead-in --------------------
@pytest.mark.parametrize(
    "text",
    [
        "## Side effects\n\nSlowed breathing\n\nBlurred vision",
        "Rare:\n\n- shallow respirations\n- a rash",
    ],
)
def test_breathing_under_an_effects_heading_counts(text: str) -> None:
    assert not is_missing("sedation-breathing", INFUSIONS + text)


def test_trouble_breathing_as_a_reason_to_call_is_not_the_warning() -> None:
    text = "Call us if you notice any of these at home:\n\n- trouble breathing\n- chest pain"
    assert is_missing("sedation-breathing", INFUSIONS + text)


# psychiatric-effects: "hallucinogenic effects" of the dose, not hallucinogens as a drug class -----
def test_hallucinogenic_effects_count() -> None:
    assert not is_missing("psychiatric-effects", INFUSIONS + "At higher doses it can have hallucinogenic effects.")


def test_hallucinogenic_drugs_as_a_class_do_not_count() -> None:
    text = "Unlike hallucinogenic drugs such as LSD, ketamine is given in a clinic."
    assert is_missing("psychiatric-effects", INFUSIONS + text)


# warning-signs: "seek urgent medical care", "report side effects such as" ------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Seek urgent medical care for any severe reaction.",
        "Report side effects such as confusion or vomiting to your nurse.",
    ],
)
def test_seeking_care_and_reporting_named_signs_are_warning_signs(text: str) -> None:
    assert not is_missing("warning-signs", INFUSIONS + text)


def test_reporting_to_a_manufacturer_without_a_sign_is_not_a_warning_sign() -> None:
    text = "Our team reports side effects like mild tiredness to the manufacturer."
    assert is_missing("warning-signs", INFUSIONS + text)


# not-medical-advice: a decision made together with a prescriber ----------------------------------
def test_deciding_in_conjunction_with_a_prescriber_counts() -> None:
    text = "Decide on treatment in conjunction with a licensed mental health prescriber."
    assert not is_missing("not-medical-advice", INFUSIONS + text, profile="web")


def test_working_with_hospitals_is_not_a_disclaimer() -> None:
    text = "We work in conjunction with local hospitals."
    assert is_missing("not-medical-advice", INFUSIONS + text, profile="web")


# results-vary: "although effective for some people" ----------------------------------------------
def test_helpful_for_some_with_a_concession_counts() -> None:
    assert not is_missing("results-vary", BENEFIT + "While effective for some people with PTSD, it is one option of many.")


def test_effective_for_some_hard_cases_is_not_results_vary() -> None:
    assert is_missing("results-vary", BENEFIT + "It is effective for some of the hardest cases we see.")


# spravato-rems: supervised dosing; self-use under supervision in a healthcare setting ------------
@pytest.mark.parametrize(
    "text",
    [
        "Staff supervise each dose of Spravato, and you stay for at least two hours.",
        "You use the esketamine spray yourself, under the supervision of a nurse in a medical setting.",
    ],
)
def test_supervised_dosing_and_a_healthcare_setting_are_rems_parts(text: str) -> None:
    assert not is_missing("spravato-rems", SPRAVATO + text)


@pytest.mark.parametrize(
    "text",
    ["Spravato is used in a medical setting.", "A doctor supervises our Spravato program."],
)
def test_a_setting_or_program_oversight_alone_is_not_enough(text: str) -> None:
    assert is_missing("spravato-rems", SPRAVATO + text)


# common-effects: "feel heavy" beside tingling ----------------------------------------------------
def test_tingling_and_feeling_heavy_are_two_common_effects() -> None:
    assert not is_missing("common-effects", INFUSIONS + "You may notice tingling, and some people feel heavy.")


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine is not suitable for people who want a quick visit.",
        "This schedule is not right for people with busy jobs.",
    ],
)
def test_not_suitable_for_people_without_a_condition_is_not_screening(text: str) -> None:
    assert is_missing("screening", INFUSIONS + text)


# credentials: the role that provides care here, not doctors in general ---------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Your first visit is with our prescribing physician.",
        "You are cared for by experienced and caring nurses.",
    ],
)
def test_a_prescribing_physician_and_experienced_nurses_are_credentials(text: str) -> None:
    assert not is_missing("credentials", INFUSIONS + text, profile="consent")


@pytest.mark.parametrize(
    "text",
    [
        "Doctors often prescribe it off-label for depression.",
        "Afterwards you tell your therapist what you experienced.",
    ],
)
def test_doctors_in_general_and_what_you_experienced_are_not_credentials(text: str) -> None:
    assert is_missing("credentials", INFUSIONS + text, profile="consent")


# alternatives: ketamine compared with others, or offered as "an alternative", names no option -----
@pytest.mark.parametrize(
    "text",
    [
        "In one trial 60% improved with ketamine, compared to 45% with ECT.",
        "Lozenges are becoming popular as an alternative treatment for depression and anxiety.",
        "We offer an alternative to people for whom antidepressants were not enough.",
    ],
)
def test_comparisons_and_ketamine_as_the_alternative_are_not_alternatives(text: str) -> None:
    assert is_missing("alternatives", BENEFIT + text, profile="consent")


@pytest.mark.parametrize(
    "text",
    [
        "Other options include TMS, ECT and talk therapy; we can discuss them with you.",
        "You may also consider psychotherapy or a different antidepressant.",
    ],
)
def test_other_treatments_named_as_options_still_count(text: str) -> None:
    assert not is_missing("alternatives", BENEFIT + text, profile="consent")


@pytest.mark.parametrize(
    ("element", "base", "profile"),
    [
        ("credentials", INFUSIONS, "consent"),
        ("warning-signs", INFUSIONS, "handout"),
        ("spravato-rems", SPRAVATO, "handout"),
        ("sedation-breathing", INFUSIONS, "handout"),
        ("screening", INFUSIONS, "handout"),
        ("screening", SPRAVATO, "handout"),
        ("results-vary", BENEFIT, "handout"),
        ("psychiatric-effects", INFUSIONS, "handout"),
        ("monitoring", INFUSIONS, "handout"),
        ("evidence-limits", BENEFIT, "handout"),
        ("driving", INFUSIONS, "handout"),
        ("dissociation", INFUSIONS, "handout"),
        ("common-effects", INFUSIONS, "handout"),
        ("alternatives", BENEFIT, "consent"),
        ("not-medical-advice", INFUSIONS, "web"),
    ],
)
def test_each_base_text_reports_its_element_missing(element: str, base: str, profile: str) -> None:
    """The wordings above count only because the base text alone lacks the element."""
    assert is_missing(element, base, profile)


@pytest.mark.parametrize(
    ("element", "base", "text"),
    [
        ("screening", INFUSIONS, "Tell your prescriber if you have ever misused opioids or stimulants."),
        ("screening", INFUSIONS, "Tell your care team if you or a close relative has had psychosis."),
        ("screening", SPRAVATO, "Before booking, our doctors confirm that you are a suitable candidate."),
        ("spravato-rems", SPRAVATO, "Each dose is taken at a healthcare facility, and we keep you for a couple of hours afterwards to watch how you feel."),
        ("spravato-rems", SPRAVATO, "A nurse provides direct clinical supervision while you use the spray, and you rest with us for two hours or more."),
    ],
)
def test_wordings_found_after_the_final_measurement(element: str, base: str, text: str) -> None:
    assert not is_missing(element, base + text)


def test_telling_your_doctor_about_symptoms_later_is_not_screening() -> None:
    assert is_missing("screening", INFUSIONS + "Tell your doctor right away if you feel faint after the infusion.")


# Wordings from the fresh batches of real pages, rewritten ---------------------------------------
@pytest.mark.parametrize(
    ("element", "text", "profile"),
    [
        ("spravato-rems", SPRAVATO + "You take each dose in our office, and you are observed for at least two hours afterwards.", "handout"),
        ("spravato-rems", SPRAVATO + "Esketamine is not a \u201ctake-home\u201d medicine. Every dose is given under supervision.", "handout"),
        ("spravato-rems", SPRAVATO + "A clinician watches you for at least 2 hours and decides when you can leave the healthcare setting.", "handout"),
        ("evidence-limits", BENEFIT + "Guidelines mention clear limitations in the evidence so far.", "handout"),
        ("results-vary", BENEFIT + "It brings relief in many, but not all, cases.", "handout"),
        ("off-label", INFUSIONS + "The FDA has not evaluated the safety or efficacy of ketamine for depression.", "handout"),
        # the agency's name with its abbreviation after it (fifth batch: consent forms)
        ("off-label", INFUSIONS + "Ketamine is not approved by the Food and Drug Administration (FDA) to treat depression or pain.", "consent"),
        ("off-label", INFUSIONS + "The Food and Drug Administration (FDA) has not approved ketamine for mood disorders.", "consent"),
        ("cognition", INFUSIONS + "Possible side effects include blurred vision, slurred speech and mental confusion.", "handout"),
        ("blood-pressure", INFUSIONS + "Ketamine can increase heart-rate during the infusion.", "handout"),
        ("results-vary", BENEFIT + "We are not able to predict how you will respond.", "handout"),
        ("results-vary", BENEFIT + "How much it helps and how long the benefit lasts can vary.", "handout"),
        ("results-vary", BENEFIT + "It is not 100% effective for everyone.", "handout"),
        ("monitoring", INFUSIONS + "We follow strict protocols for monitoring patients during and after each infusion.", "handout"),
        ("driving", INFUSIONS + "You will be discharged home with another adult to drive you.", "handout"),
        ("misuse", INFUSIONS + "Ketamine is also popular as a recreational drug.", "handout"),
        ("psychiatric-effects", INFUSIONS + "Ketamine can trigger hallucinogenic experiences.", "handout"),
        ("credentials", INFUSIONS + "One of our doctors reviews every dose.", "web"),
        ("not-medical-advice", INFUSIONS + "Consult a qualified healthcare professional about your own situation.", "web"),
    ],
)
def test_real_page_wordings_count(element: str, text: str, profile: str) -> None:
    assert not is_missing(element, text, profile=profile)


def test_a_qualified_physician_is_a_credential_and_a_qualified_answer_is_not() -> None:
    assert not is_missing("credentials", INFUSIONS + "Every plan starts with a video visit with a qualified physician.", profile="web")
    assert is_missing("credentials", INFUSIONS + "A qualified answer to your insurance question takes a day.", profile="web")


def test_a_spravato_page_frames_its_later_sections() -> None:
    """In plain text the title or introduction may be the only place Spravato is named."""
    page = (
        "Starting Spravato treatment can feel new and a little daunting.\n\n"
        "What to Expect on the Day\n\n"
        "You will be resting in our office for about 2 hours while a nurse checks on you.\n\n"
        "How It Works\n\n"
        "You spray the medicine yourself under the supervision of a nurse.\n"
    )
    assert not is_missing("spravato-rems", page, profile="web")


@pytest.mark.parametrize(
    ("element", "text"),
    [
        ("spravato-rems", SPRAVATO + "Please rest at home for the remainder of the day."),
        ("results-vary", BENEFIT + "Many patients, and all of our staff, love the quiet rooms."),
        ("off-label", INFUSIONS + "The FDA has evaluated and approved ketamine as an anesthetic."),
        ("off-label", INFUSIONS + "Ketamine has been approved by the Food and Drug Administration (FDA) as an anesthetic."),
        ("cognition", INFUSIONS + "As an anesthetic it combines pain relief, sleep and amnesia during surgery."),
    ],
)
def test_real_page_look_alikes_do_not_count(element: str, text: str) -> None:
    assert is_missing(element, text)


def test_care_by_a_named_specialty_is_a_credential_and_the_readers_own_doctor_is_not() -> None:
    assert not is_missing("credentials", INFUSIONS + "Every plan starts with a visit with a Harbor Health psychiatrist.", profile="web")
    assert is_missing("credentials", INFUSIONS + "Ask your psychiatrist whether ketamine suits you.", profile="web")


def test_monitoring_for_safe_use_in_a_certified_center_is_the_spravato_program() -> None:
    page = SPRAVATO + "Spravato must be given in a certified treatment center where you are monitored for safe use."
    assert not is_missing("spravato-rems", page)
    assert is_missing("spravato-rems", SPRAVATO + "Spravato must be given in a certified treatment center.")


@pytest.mark.parametrize(
    ("element", "text"),
    [
        ("misuse", INFUSIONS + "List all medicines, supplements and recreational drug use on the intake form."),
        ("misuse", INFUSIONS + "Ketamine has a history as a party drug, but a clinic is a different setting."),
    ],
)
def test_a_patients_own_drug_use_or_a_dismissed_history_is_no_misuse_warning(element: str, text: str) -> None:
    assert is_missing(element, text)


# Wordings from the ninth real batch, rewritten: questions taken to the reader's own clinician, the
# first consultation, a dose watched and adjusted, each beside a look-alike ------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Go over the possible risks and benefits of treatment with your health care provider.",
        "Bring any questions or worries to your prescriber and discuss them with your prescriber.",
        "Unsure whether it suits you? Please talk with your own doctor.",
        "This page shares general knowledge about ketamine care.",
    ],
)
def test_questions_taken_to_ones_own_clinician_count(text: str) -> None:
    assert not is_missing("not-medical-advice", INFUSIONS + text, profile="web")


@pytest.mark.parametrize(
    "text",
    [
        "Discuss payment plans with your insurance provider.",
        "Our doctors discuss new research with each other every month.",
        "Please speak clearly when you call the front desk.",
    ],
)
def test_insurers_colleagues_and_phone_manners_are_not_a_disclaimer(text: str) -> None:
    assert is_missing("not-medical-advice", INFUSIONS + text, profile="web")


@pytest.mark.parametrize(
    "text",
    [
        "The psychiatrist sees you at a first consult before any dose.",
        "Each new client starts by booking a consultation with our nurse practitioner.",
        "We meet first to confirm SPRAVATO\u2122 is suitable.",
    ],
)
def test_the_consultation_before_treatment_is_screening(text: str) -> None:
    assert not is_missing("screening", INFUSIONS + text)


@pytest.mark.parametrize(
    "text",
    [
        "Schedule a free consultation today.",
        "The consultation fee is $150.",
    ],
)
def test_an_offer_of_a_consultation_is_not_screening(text: str) -> None:
    assert is_missing("screening", INFUSIONS + text)


@pytest.mark.parametrize(
    "text",
    [
        "Sessions are carefully monitored sessions in our clinic.",
        "Your prescriber will monitor and adjust the amount you take.",
        "You take the lozenge with a licensed therapist present.",
        "Every dose is part of a medically supervised (IV) ketamine program.",
    ],
)
def test_a_dose_watched_or_supervised_is_monitoring(text: str) -> None:
    assert not is_missing("monitoring", INFUSIONS + text)


@pytest.mark.parametrize(
    "text",
    [
        "We monitor research on ketamine and adjust our policies each year.",
        "Meet the team of professionals at our front desk.",
    ],
)
def test_watching_research_or_meeting_staff_is_not_monitoring(text: str) -> None:
    assert is_missing("monitoring", INFUSIONS + text)


# psychiatric-effects: psychosis or mania in a list of who should not have the treatment ------------
def test_psychosis_listed_under_who_should_not_have_it_is_the_point() -> None:
    text = "## Who should not have ketamine?\n\n- People with uncontrolled blood pressure\n- People with active psychosis or mania\n"
    assert not is_missing("psychiatric-effects", INFUSIONS + text)


def test_psychosis_named_as_a_condition_is_not_the_point() -> None:
    text = "## Conditions we see\n\n- Depression\n- Anxiety after psychosis has been treated\n"
    assert is_missing("psychiatric-effects", INFUSIONS + text)


# credentials: "physician-led", "your treating physician" -----------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "We provide physician-led ketamine infusions.",
        "Your treating psychiatrist plans each infusion with you.",
    ],
)
def test_care_led_by_a_named_role_is_credentials(text: str) -> None:
    assert not is_missing("credentials", INFUSIONS + text, profile="web")


def test_a_role_without_who_provides_care_is_not_credentials() -> None:
    assert is_missing("credentials", INFUSIONS + "Many doctors have heard of ketamine.", profile="web")


# screening: eligibility set before treatment ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Patients must meet specific criteria before they can join the program.",
        "Every guest completes a pre-retreat assessment with our nurse.",
        "A referral and your treatment records are needed before the first infusion.",
        "Once you are approved by a psychiatrist for ketamine, we book your first session.",
    ],
)
def test_eligibility_set_before_treatment_is_screening(text: str) -> None:
    assert not is_missing("screening", INFUSIONS + text)


@pytest.mark.parametrize(
    "text",
    [
        "More than one in five new mothers meet the criteria for postpartum depression.",
        "Your records are stored safely for seven years.",
    ],
)
def test_diagnostic_criteria_and_stored_records_are_not_screening(text: str) -> None:
    assert is_missing("screening", INFUSIONS + text)


# monitoring: the group or the writer watched through the dose --------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Two facilitators monitor the group during each session.",
        "A nurse monitored me the entire time I was in the chair.",
        "Our nurses keep monitoring and checking patients during the infusion.",
    ],
)
def test_a_group_or_a_writer_watched_through_the_dose_is_monitoring(text: str) -> None:
    assert not is_missing("monitoring", INFUSIONS + text)


def test_monitoring_news_about_the_group_is_not_monitoring() -> None:
    assert is_missing("monitoring", INFUSIONS + "We monitor the group chat for new questions each week.")


# a denied ability to drive is the instruction; only an ability granted contradicts it ------------
@pytest.mark.parametrize(
    "text",
    [
        "You won\u2019t be able to drive or use tools after a dose until the following morning.",
        "You will not be able to drive until the following morning.",
    ],
)
def test_not_being_able_to_drive_until_later_is_the_instruction(text: str) -> None:
    assert not is_missing("driving", INFUSIONS + text)


def test_being_able_to_drive_soon_after_still_contradicts_it() -> None:
    assert is_missing("driving", INFUSIONS + "After your dose you will be able to drive home after an hour.")


# not-medical-advice: the decision's risks and benefits taken to the reader's own doctor ----------
def test_risks_and_benefits_talked_over_with_your_doctor_is_the_point() -> None:
    text = BENEFIT + "Before you decide, talk to your doctor about the possible risks and benefits."
    assert not is_missing("not-medical-advice", text, profile="web")


def test_a_doctor_told_about_side_effects_is_not_the_point() -> None:
    text = BENEFIT + "Talk to your doctor about side effects you notice after a dose."
    assert is_missing("not-medical-advice", text, profile="web")


# dissociation: a dream-like state stated as possible ---------------------------------------------
def test_a_dreamlike_state_said_to_be_possible_is_dissociation() -> None:
    assert not is_missing("dissociation", INFUSIONS + "It is possible to feel a dream-like state for a short time.")


def test_a_dream_about_the_future_is_not_dissociation() -> None:
    assert is_missing("dissociation", INFUSIONS + "It is possible to reach the life you dream of.")


# credentials: a named doctor or a nurse who watches the dose or places the line -------------------
@pytest.mark.parametrize(
    "text",
    [
        "Dr. Reyes monitors you through each treatment.",
        "Each IV line is started by one of our nurses.",
    ],
)
def test_a_clinician_who_watches_the_dose_or_places_the_line_is_credentials(text: str) -> None:
    assert not is_missing("credentials", INFUSIONS + text, profile="web")


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Reyes wrote this article in 2023.",
        "Many patients read reviews before they choose a clinic.",
    ],
)
def test_a_doctor_named_as_author_is_not_credentials(text: str) -> None:
    assert is_missing("credentials", INFUSIONS + text, profile="web")


# spravato-rems: the brand's registered sign inside "certified ... center" --------------------------
def test_a_certified_center_named_with_the_registered_brand_is_the_setting() -> None:
    text = (
        SPRAVATO
        + "We are a certified SPRAVATO\u00ae treatment center. "
        + "A nurse watches you for at least two hours after each dose."
    )
    assert not is_missing("spravato-rems", text)


def test_a_treatment_center_without_certification_or_two_hours_is_not_the_program() -> None:
    text = SPRAVATO + "We are a SPRAVATO\u00ae treatment center. A nurse checks on you now and then."
    assert is_missing("spravato-rems", text)


# blood-pressure: high blood pressure named as an effect, not as a condition one has ---------------
def test_high_blood_pressure_listed_under_may_cause_is_the_point() -> None:
    text = INFUSIONS + "Possible side effects\n\nKetamine may cause:\n\n- dizziness\n- high blood pressure\n- nausea\n"
    assert not is_missing("blood-pressure", text)


@pytest.mark.parametrize(
    "text",
    [
        "If you have high blood pressure, ketamine may not be right for you.",
        "Ketamine may not suit people with heart disease or high blood pressure.",
        "Bring your high blood pressure medicine; ketamine may make you sleepy.",
    ],
)
def test_high_blood_pressure_as_a_condition_is_not_the_point(text: str) -> None:
    assert is_missing("blood-pressure", INFUSIONS + text)


# monitoring: never alone on the medicine, feelings assessed through the dose, a guided session ----
@pytest.mark.parametrize(
    "text",
    [
        "You will never be left alone while the medicine is working.",
        "We assess your mood and comfort throughout the infusion.",
        "A trained therapist guides each dosing session.",
    ],
)
def test_company_and_assessment_through_the_dose_are_monitoring(text: str) -> None:
    assert not is_missing("monitoring", INFUSIONS + text)


@pytest.mark.parametrize(
    "text",
    [
        "You are not alone in living with depression.",
        "The therapist guides the integration sessions the following week.",
        "We assess your insurance benefits before the first visit.",
    ],
)
def test_company_in_life_and_guided_integration_are_not_monitoring(text: str) -> None:
    assert is_missing("monitoring", INFUSIONS + text)


# evidence-limits: short-term benefits, open research questions, unknown side effects --------------
@pytest.mark.parametrize(
    "text",
    [
        "These benefits are often short-term.",
        "The relief from one infusion can last for as little as a day or two.",
        "More research needs to be done to confirm how well it works.",
        "It may have side effects that are not yet known.",
    ],
)
def test_short_benefits_and_open_questions_are_evidence_limits(text: str) -> None:
    assert not is_missing("evidence-limits", BENEFIT + text, profile="web")


@pytest.mark.parametrize(
    "text",
    [
        "Side effects are short-term and mild.",
        "These effects are usually short-lived and pass within the hour.",
        "Serious side effects are not known to happen at our doses.",
    ],
)
def test_short_side_effects_and_reassurance_are_not_evidence_limits(text: str) -> None:
    assert is_missing("evidence-limits", BENEFIT + text, profile="web")


# psychiatric-effects: anxiety among what the medicine may cause; psychosis as a reason to stay away --
@pytest.mark.parametrize(
    "text",
    [
        "The spray may cause sleepiness, dizziness, anxiety or a spinning feeling.",
        "People who live with schizophrenia or mania are told to steer clear of ketamine.",
    ],
)
def test_anxiety_caused_and_psychosis_to_steer_clear_of_are_the_point(text: str) -> None:
    assert not is_missing("psychiatric-effects", INFUSIONS + text)


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine can cause a fast drop in depression and anxiety.",
        "It may cause lasting relief from anxiety.",
    ],
)
def test_anxiety_eased_is_not_the_point(text: str) -> None:
    assert is_missing("psychiatric-effects", INFUSIONS + text)


# screening: the prescription decided after an evaluation -----------------------------------------
def test_a_plan_made_after_an_evaluation_is_screening() -> None:
    text = INFUSIONS + "After an evaluation, your provider decides your dose and schedule."
    assert not is_missing("screening", text)


def test_a_staff_evaluation_is_not_screening() -> None:
    assert is_missing("screening", INFUSIONS + "After a staff evaluation last spring, we changed our opening hours.")


# waved away or praised: "very little risk that ...", a tolerance to other drugs, clearer thinking ----
def test_very_little_risk_that_it_happens_is_not_the_warning() -> None:
    text = INFUSIONS + "Our doses are low, so there is very little risk that you will have frightening hallucinations."
    assert is_missing("psychiatric-effects", text)


def test_a_tolerance_to_other_painkillers_is_not_the_misuse_warning() -> None:
    assert is_missing("misuse", INFUSIONS + "It can help people who have a tolerance to opioids.")


def test_a_tolerance_to_ketamine_itself_is_the_misuse_warning() -> None:
    assert not is_missing("misuse", INFUSIONS + "With repeated use, people can develop a tolerance to ketamine.")


def test_clearer_thinking_after_treatment_is_not_the_cognition_warning() -> None:
    assert is_missing("cognition", INFUSIONS + "Many people notice better focus and less brain fog after the infusion.")


# dissociation: perception of oneself altered, time and place distorted; cognition: slower thinking ---
@pytest.mark.parametrize(
    "text",
    [
        "It can shift your perception of time and of your own body.",
        "For a while, time and place can seem distorted.",
        "Many describe a sense of disconnection from ordinary reality.",
        "Some people lose track of their own body for a few minutes.",
    ],
)
def test_altered_perception_of_self_and_time_is_dissociation(text: str) -> None:
    assert not is_missing("dissociation", INFUSIONS + text)


@pytest.mark.parametrize(
    "text",
    [
        "Depression can change your sense of self-worth.",
        "Therapy can change the way you see the world.",
    ],
)
def test_self_worth_and_new_outlooks_are_not_dissociation(text: str) -> None:
    assert is_missing("dissociation", INFUSIONS + text)


@pytest.mark.parametrize(
    "text",
    [
        "Expect slower thinking for the rest of the day.",
        "Most people return to full cognition within a few hours.",
    ],
)
def test_slower_thinking_for_hours_is_the_cognition_warning(text: str) -> None:
    assert not is_missing("cognition", INFUSIONS + text)


# monitoring: the clinician who keeps each dose safe, or can adjust or stop it ----------------------
@pytest.mark.parametrize(
    "text",
    [
        "A registered nurse ensures every infusion is delivered safely.",
        "Your therapist is involved during and after each dosing session.",
        "The physician can slow or stop the infusion at any time.",
    ],
)
def test_a_clinician_keeping_the_dose_safe_is_monitoring(text: str) -> None:
    assert not is_missing("monitoring", INFUSIONS + text)


@pytest.mark.parametrize(
    "text",
    [
        "Our billing staff ensure your treatment is covered.",
        "You can stop the infusion plan at any time by calling us.",
    ],
)
def test_billing_and_cancelling_are_not_monitoring(text: str) -> None:
    assert is_missing("monitoring", INFUSIONS + text)


# wordings from the eleventh batch's shapes, each beside a look-alike -------------------------------
def test_effectiveness_that_varies_is_results_vary() -> None:
    text = BENEFIT + "How effective it is may vary with the condition; the effectiveness of ketamine may vary between people."
    assert not is_missing("results-vary", text, profile="web")


def test_side_effects_that_vary_are_not_results_vary() -> None:
    assert is_missing("results-vary", BENEFIT + "The side effects you notice may vary from day to day.", profile="web")


@pytest.mark.parametrize(
    "text",
    [
        "Each dosing session lasts three hours, with your therapist present the whole time.",
        "We give infusions in the clinic so we can monitor the patient during the whole process.",
        "Staff watch the patient for two hours after each dose.",
        "You are connected to the monitoring equipment before the dose.",
    ],
)
def test_presence_patient_watching_and_monitors_are_monitoring(text: str) -> None:
    assert not is_missing("monitoring", INFUSIONS + text)


def test_equipment_for_sale_is_not_monitoring() -> None:
    assert is_missing("monitoring", INFUSIONS + "Our shop sells blood pressure cuffs for home use.")


def test_not_many_studies_is_an_evidence_limit() -> None:
    assert not is_missing("evidence-limits", BENEFIT + "For anxiety there are not many studies yet.", profile="web")


def test_a_doctor_observing_the_first_dose_is_credentials() -> None:
    assert not is_missing("credentials", INFUSIONS + "Your first dose is under close observation by Dr. Reyes.", profile="web")


def test_treatments_supervised_by_staff_with_two_hours_is_the_spravato_program() -> None:
    text = SPRAVATO + "Every Spravato treatment is supervised by our nurses, and you can leave after about 2 hours."
    assert not is_missing("spravato-rems", text)
