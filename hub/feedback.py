"""A member's feedback figures as people read them: the star a score has earned and the share of
positive ratings. The figures are stored on the user (hub.models.User) so that every author name can
show them without a query; the Q&A forum computes them from ratings (qa/reputation.py,
docs/adr/0030-ebay-style-reputation.md)."""

from dataclasses import dataclass


def percentage_positive(positive: int, negative: int) -> float | None:
    """Positive rater-weeks as a share of positive plus negative ones; None when there are none."""
    if positive + negative == 0:
        return None
    return round(100 * positive / (positive + negative), 1)


@dataclass(frozen=True)
class Star:
    threshold: int
    colour: str
    shooting: bool

    @property
    def name(self) -> str:
        return f"{self.colour} {'shooting star' if self.shooting else 'star'}"

    @property
    def css_class(self) -> str:
        return f"star star--{self.colour.replace(' ', '-')}{' star--shooting' if self.shooting else ''}"


STARS = (
    Star(10, "yellow", False),
    Star(50, "blue", False),
    Star(100, "turquoise", False),
    Star(500, "purple", False),
    Star(1_000, "red", False),
    Star(5_000, "green", False),
    Star(10_000, "yellow", True),
    Star(25_000, "turquoise", True),
    Star(50_000, "purple", True),
    Star(100_000, "red", True),
    Star(500_000, "green", True),
    Star(1_000_000, "silver", True),
)


def star_for(score: int) -> Star | None:
    """The highest star whose threshold the score reaches, as eBay awards them; None under 10."""
    earned = [star for star in STARS if score >= star.threshold]
    return earned[-1] if earned else None
