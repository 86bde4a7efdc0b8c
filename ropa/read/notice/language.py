"""Which language a notice is written in: Swedish, Norwegian (bokmål, nynorsk), Danish, Finnish
or English.

Detection uses lingua (lingua-language-detector), restricted to these six languages, on the
whole text (a long one is sampled: about 4,000 characters from its beginning, middle and
end). Swedish, Danish and Norwegian are close; lingua's n-gram models tell them apart on a
paragraph or more, but a notice of a few words may come out wrong: ``--lang`` overrides the
detection.

The detector is built once, on first use, with lazily loaded models (about 30 MB and well
under a second for the six languages).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from ropa.model.languages import notice_language

if TYPE_CHECKING:
    from lingua import LanguageDetector

#: What the language suggests about the country whose authority the notice should name.
#: Swedish is also an official language of Finland; English suggests nothing.
LANGUAGE_COUNTRIES: dict[str, tuple[str, ...]] = {
    "sv": ("SE", "FI"),
    "nb": ("NO",),
    "nn": ("NO",),
    "da": ("DK",),
    "fi": ("FI",),
    "en": (),
}

#: Used when a text has nothing to detect (no letters at all).
FALLBACK = "en"

#: Texts longer than this many characters are sampled (beginning, middle and end). About 600
#: words: lingua is already certain at that length (the seeds and the benchmark corpus come
#: out the same as with whole texts), and detection time grows with the length (about 2.5 ms
#: per 3,000 characters), which dominates a scan of many notices.
SAMPLE_CHARS = 4_000


def language_code(text: str) -> str:
    """A --lang value as one of the notice languages; ValueError for anything else."""
    return notice_language(text)


@cache
def _detector() -> tuple[LanguageDetector, dict[Any, str]]:
    from lingua import Language, LanguageDetectorBuilder

    codes = {
        Language.SWEDISH: "sv",
        Language.BOKMAL: "nb",
        Language.NYNORSK: "nn",
        Language.DANISH: "da",
        Language.FINNISH: "fi",
        Language.ENGLISH: "en",
    }
    detector = LanguageDetectorBuilder.from_languages(*codes).build()
    return detector, codes


def sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """The text itself, or for a long one three slices of it: beginning, middle and end."""
    if len(text) <= size:
        return text
    third = size // 3
    middle = len(text) // 2 - third // 2
    return "\n".join((text[:third], text[middle : middle + third], text[-third:]))


def detect_language(text: str) -> tuple[str, float]:
    """``(code, confidence)`` for the text; confidence is lingua's, between 0 and 1.

    A text without letters gives ``(FALLBACK, 0.0)``.
    """
    if not any(ch.isalpha() for ch in text):
        return FALLBACK, 0.0
    detector, codes = _detector()
    values = detector.compute_language_confidence_values(sample(text))
    if not values:
        return FALLBACK, 0.0
    best = values[0]
    return codes[best.language], round(float(best.value), 4)
