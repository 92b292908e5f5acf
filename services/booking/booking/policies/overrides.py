"""Effective policies: a preset with a marketplace's overrides, and a marketplace's policy with an
offering's overrides ("an offering or course may override parts of it").

Overrides arrive two ways. From the gateway's registration event, which the gateway validated
already: booking applies what it knows and keeps the rest aside, visibly, rather than refusing a
whole marketplace over one setting it doesn't know (a newer gateway may know more settings). From
a caller of this service (staff, a provider's offering): strict, refused with the setting named.
"""

from dataclasses import dataclass, field

import structlog
from pydantic import ValidationError

from booking.policies.presets import PresetName, preset
from booking.policies.terms import PolicyTerms

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class EffectivePolicy:
    terms: PolicyTerms
    # Override -> why it was not applied; shown to the partner next to the policy.
    ignored: dict[str, str] = field(default_factory=dict)


def apply_overrides(base: PolicyTerms, overrides: dict) -> EffectivePolicy:
    """`base` with every override it can take; the others are set aside with the reason."""
    if not overrides:
        return EffectivePolicy(base)
    ignored = {name: "unknown setting" for name in overrides if name not in PolicyTerms.setting_names()}
    applicable = {name: value for name, value in overrides.items() if name not in ignored}
    while True:
        try:
            terms = PolicyTerms.model_validate({**base.model_dump(), **applicable})
            break
        except ValidationError as exc:
            for error in exc.errors():
                name = str(error["loc"][0])
                ignored[name] = error["msg"]
                applicable.pop(name, None)
    if ignored:
        log.warning("policy.overrides_ignored", ignored=ignored)
    return EffectivePolicy(terms, ignored)


def effective_policy(preset_name: str, overrides: dict) -> EffectivePolicy:
    return apply_overrides(preset(preset_name), overrides)


def strict_policy(preset_name: str, overrides: dict) -> PolicyTerms:
    """The terms, or a ValueError naming each unknown or invalid setting."""
    try:
        return PolicyTerms.model_validate({**preset(preset_name).model_dump(), **overrides})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ValueError(problems) from None


def check_overrides(overrides: dict) -> dict:
    """`overrides` if every setting is known and valid, else a ValueError naming them. Each value is
    checked on its own, so any preset serves as the base."""
    strict_policy(PresetName.LESSONS, overrides)
    return overrides
