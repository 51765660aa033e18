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


# eBay's tiers: (threshold, colour) for stars, then for shooting stars.
_STAR_TIERS = [(10, "yellow"), (50, "blue"), (100, "turquoise"), (500, "purple"), (1_000, "red"), (5_000, "green")]
_SHOOTING_TIERS = [(10_000, "yellow"), (25_000, "turquoise"), (50_000, "purple"), (100_000, "red")]
_SHOOTING_TIERS += [(500_000, "green"), (1_000_000, "silver")]
STARS = (
    *(Star(threshold, colour, False) for threshold, colour in _STAR_TIERS),
    *(Star(threshold, colour, True) for threshold, colour in _SHOOTING_TIERS),
)


def star_for(score: int) -> Star | None:
    """The highest star whose threshold the score reaches, as eBay awards them; None under 10."""
    earned = [star for star in STARS if score >= star.threshold]
    return earned[-1] if earned else None
