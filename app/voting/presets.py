"""Kinds of poll and the settings each allows, as plain functions (no database).

- resolution (biểu quyết thông qua): Tán thành / Không tán thành / Không biểu quyết; open by default.
- confidence (lấy phiếu tín nhiệm): Tín nhiệm cao / Tín nhiệm / Tín nhiệm thấp; always secret.
- election (bầu cử): candidates given by the secretariat, choose up to N; always secret.
- custom: options given by the secretariat; the rule is tested on the first option.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import Invalid


@dataclass(frozen=True)
class Preset:
    fixed_options: tuple[str, ...] | None  # None: the caller supplies the options
    always_secret: bool
    secret_by_default: bool
    min_options: int
    single_choice: bool


PRESETS: dict[str, Preset] = {
    "resolution": Preset(("Tán thành", "Không tán thành", "Không biểu quyết"), always_secret=False,
                         secret_by_default=False, min_options=3, single_choice=True),
    "confidence": Preset(("Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp"), always_secret=True,
                         secret_by_default=True, min_options=3, single_choice=True),
    "election": Preset(None, always_secret=True, secret_by_default=True, min_options=1,
                       single_choice=False),
    "custom": Preset(None, always_secret=False, secret_by_default=False, min_options=2,
                     single_choice=False),
}

MAX_OPTIONS = 100


@dataclass(frozen=True)
class PollSettings:
    options: tuple[str, ...]
    secret: bool
    max_choices: int
    allow_change: bool


def settle(preset_name: str, *, options: list[str] | None, secret: bool | None,
           max_choices: int | None, allow_change: bool) -> PollSettings:
    """The poll's effective settings, or Invalid naming the first rule broken."""
    preset = PRESETS[preset_name]
    if preset.fixed_options is not None:
        if options is not None and tuple(options) != preset.fixed_options:
            raise Invalid("options_fixed_by_preset", options=", ".join(preset.fixed_options))
        labels = preset.fixed_options
    else:
        labels = tuple(options or ())
        if len(labels) < preset.min_options:
            raise Invalid("too_few_options", min=preset.min_options)
        if len(labels) > MAX_OPTIONS:
            raise Invalid("too_many_options", max=MAX_OPTIONS)
        if len({label.casefold() for label in labels}) != len(labels):
            raise Invalid("duplicate_options")
    is_secret = preset.secret_by_default if secret is None else secret
    if preset.always_secret and not is_secret:
        raise Invalid("poll_must_be_secret")
    choices = 1 if max_choices is None else max_choices
    if preset.single_choice and choices != 1:
        raise Invalid("single_choice_preset")
    if not 1 <= choices <= len(labels):
        raise Invalid("max_choices_range", max=len(labels))
    if is_secret and allow_change:
        raise Invalid("secret_ballot_final")
    return PollSettings(options=labels, secret=is_secret, max_choices=choices,
                        allow_change=allow_change)


def check_choice(option_ids: list[int], *, allowed: set[int], max_choices: int) -> list[int]:
    """A ballot's options: at least one, each once, all of this poll, at most `max_choices`."""
    if not option_ids:
        raise Invalid("no_option_chosen")
    if len(set(option_ids)) != len(option_ids):
        raise Invalid("option_chosen_twice")
    if not set(option_ids) <= allowed:
        raise Invalid("invalid_option")
    if len(option_ids) > max_choices:
        raise Invalid("too_many_choices", max=max_choices)
    return sorted(option_ids)
