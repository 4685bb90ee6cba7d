//! Chart geometry: an axis of a few round ticks, and where a value falls along it, as a share
//! of the chart's length so that the app can draw bars as percentages of any width.

/// An axis from zero up to a round number at or above the largest value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Axis {
    /// The value at the end of the axis; never zero, so shares are always defined.
    pub top: i64,
    /// From zero to `top`, evenly spaced: 0, 5, 10, 15 or 0, 250, 500.
    pub ticks: Vec<i64>,
}

/// About this many steps between zero and the top: enough to read a bar against, few enough to
/// label at 360 px.
const STEPS: i64 = 4;

impl Axis {
    /// The axis for values up to `max`: steps of 1, 2 or 5 times a power of ten, whole numbers
    /// only, since everything charted is a count or a percentage.
    pub fn up_to(max: i64) -> Axis {
        let max = max.max(1);
        let step = nice_step(max);
        let top = (max + step - 1) / step * step;
        Axis {
            top,
            ticks: (0..=top / step).map(|n| n * step).collect(),
        }
    }

    /// Where `value` falls, from 0.0 at zero to 1.0 at the top; negative values (never valid
    /// counts) draw as nothing rather than backwards. Kept to four decimal places: finer than a
    /// pixel on any screen, and read back from the server's JSON as exactly the same number.
    pub fn share(&self, value: i64) -> f64 {
        let share = (value.clamp(0, self.top) as f64) / (self.top as f64);
        (share * 10_000.0).round() / 10_000.0
    }
}

/// The smallest round step that reaches `max` in [`STEPS`] steps or fewer.
fn nice_step(max: i64) -> i64 {
    let mut magnitude = 1_i64;
    loop {
        for factor in [1, 2, 5] {
            let step = factor * magnitude;
            if step * STEPS >= max {
                return step;
            }
        }
        magnitude *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_reach_the_largest_value() {
        assert_eq!(Axis::up_to(7).ticks, [0, 2, 4, 6, 8]);
        assert_eq!(Axis::up_to(10).ticks, [0, 5, 10]);
        assert_eq!(Axis::up_to(38).ticks, [0, 10, 20, 30, 40]);
        assert_eq!(Axis::up_to(100).ticks, [0, 50, 100]);
        assert_eq!(Axis::up_to(1_234).ticks, [0, 500, 1000, 1500]);
        assert_eq!(Axis::up_to(3).ticks, [0, 1, 2, 3]);
    }

    #[test]
    fn no_values_still_make_an_axis_of_one() {
        let axis = Axis::up_to(0);
        assert_eq!((axis.top, axis.ticks), (1, vec![0, 1]));
        assert_eq!(Axis::up_to(0).share(0), 0.0);
    }

    #[test]
    fn shares_run_from_zero_to_one_and_stay_inside() {
        let axis = Axis::up_to(38);
        assert_eq!(axis.top, 40);
        assert_eq!(axis.share(10), 0.25);
        assert_eq!(axis.share(40), 1.0);
        assert_eq!(axis.share(-3), 0.0);
        assert_eq!(axis.share(90), 1.0);
    }

    #[test]
    fn every_maximum_gets_at_most_five_ticks_with_the_top_at_or_above_it() {
        for max in 1..5_000 {
            let axis = Axis::up_to(max);
            assert!(axis.top >= max, "{max}");
            assert!(axis.ticks.len() <= 5 && axis.ticks.len() >= 2, "{max}");
            assert_eq!(axis.ticks.last(), Some(&axis.top));
        }
    }
}
