"""The four presets RULES.md ships, named after the kind of marketplace in the sources.

Where the sources disagree (24 h vs 48 h notice) each preset keeps its own source's number; the
settings every source shares come from the PolicyTerms defaults.
"""

from enum import StrEnum

from booking.policies.terms import PolicyTerms


class PresetName(StrEnum):
    COACHING = "coaching"  # seeds 000, 001
    LESSONS = "lessons"  # seed 003
    THERAPY = "therapy"  # seed 002
    STUDIO = "studio"  # seed 004


PRESETS: dict[PresetName, PolicyTerms] = {
    PresetName.COACHING: PolicyTerms(
        student_notice_hours=24, provider_must_accept=True, initial_session_staff_only=False,
        provider_refund_form="credits"),
    PresetName.LESSONS: PolicyTerms(
        student_notice_hours=24, provider_must_accept=False, initial_session_staff_only=False,
        provider_refund_form="credits"),
    PresetName.THERAPY: PolicyTerms(
        student_notice_hours=48, provider_must_accept=False, initial_session_staff_only=True,
        provider_refund_form="credits"),
    # A studio's notice window is its course's refund policy (CR-1), so the marketplace has none.
    PresetName.STUDIO: PolicyTerms(
        student_notice_hours=None, provider_must_accept=False, initial_session_staff_only=False,
        provider_refund_form="credit_bundle"),
}


def preset(name: str) -> PolicyTerms:
    try:
        return PRESETS[PresetName(name)]
    except ValueError:
        raise UnknownPreset(name) from None


class UnknownPreset(ValueError):
    def __init__(self, name: str):
        super().__init__(f"unknown policy preset {name!r}; one of: {', '.join(PresetName)}")
