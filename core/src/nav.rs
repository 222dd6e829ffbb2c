//! Moving between areas by arrow key: from one area to the nearest area
//! whose centre lies in that direction on screen.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
}

impl Direction {
    /// From a `KeyboardEvent.key`.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "ArrowUp" => Some(Direction::Up),
            "ArrowDown" => Some(Direction::Down),
            "ArrowLeft" => Some(Direction::Left),
            "ArrowRight" => Some(Direction::Right),
            _ => None,
        }
    }

    /// A unit vector in screen coordinates (y grows downwards).
    fn vector(self) -> [f64; 2] {
        match self {
            Direction::Up => [0.0, -1.0],
            Direction::Down => [0.0, 1.0],
            Direction::Left => [-1.0, 0.0],
            Direction::Right => [1.0, 0.0],
        }
    }
}

/// The area to move to from `from` in `direction`, or None when nothing
/// lies that way. Candidates lie within 60° of the direction; the nearest
/// counts distance along the direction plus six times the distance across
/// it, so that focus keeps to the row or column a reader is scanning:
/// right from Surrey reaches Kent, not the London boroughs that are nearer
/// but up and to the right. (CSS spatial navigation weighs across-distance
/// heavily for the same reason.)
pub fn neighbour(centres: &[[f64; 2]], from: usize, direction: Direction) -> Option<usize> {
    neighbour_among(centres, from, direction, |_| true)
}

/// `neighbour`, among the areas `candidate` accepts (those the filters show).
pub fn neighbour_among(
    centres: &[[f64; 2]],
    from: usize,
    direction: Direction,
    candidate: impl Fn(usize) -> bool,
) -> Option<usize> {
    let [x0, y0] = *centres.get(from)?;
    if !(x0.is_finite() && y0.is_finite()) {
        return None;
    }
    let [dx, dy] = direction.vector();
    let cos_limit = 60f64.to_radians().cos();
    centres
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != from && candidate(i))
        .filter_map(|(i, &[x, y])| {
            let (vx, vy) = (x - x0, y - y0);
            let along = vx * dx + vy * dy;
            let across = (vx * dy - vy * dx).abs();
            let distance = vx.hypot(vy);
            if !(distance.is_finite() && distance > 0.0) || along < cos_limit * distance {
                return None;
            }
            Some((i, along + 6.0 * across))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::*;

    /// A 3 × 3 grid, numbered row by row from the top left.
    fn grid() -> Vec<[f64; 2]> {
        (0..9)
            .map(|i| [f64::from(i % 3) * 10.0, f64::from(i / 3) * 10.0])
            .collect()
    }

    #[test]
    fn moves_to_the_adjacent_cell_and_stops_at_the_edge() {
        let grid = grid();
        assert_eq!(neighbour(&grid, 4, Up), Some(1));
        assert_eq!(neighbour(&grid, 4, Down), Some(7));
        assert_eq!(neighbour(&grid, 4, Left), Some(3));
        assert_eq!(neighbour(&grid, 4, Right), Some(5));
        assert_eq!(neighbour(&grid, 0, Up), None);
        assert_eq!(neighbour(&grid, 0, Left), None);
        assert_eq!(neighbour(&grid, 8, Right), None);
        assert_eq!(neighbour(&grid, 8, Down), None);
    }

    #[test]
    fn skips_areas_that_are_not_candidates() {
        let grid = grid();
        // With the middle column filtered out, right from 3 jumps to 5.
        let shown = |i: usize| i % 3 != 1;
        assert_eq!(neighbour_among(&grid, 3, Right, shown), Some(5));
        assert_eq!(neighbour_among(&grid, 0, Down, |_| false), None);
    }

    #[test]
    fn straight_ahead_beats_slightly_nearer_at_a_slant() {
        // Ahead at 10; at 45° and distance 9; behind and beside don't count.
        let points = [
            [0.0, 0.0],
            [10.0, 0.0],
            [6.4, -6.4],
            [-1.0, 0.0],
            [0.0, 5.0],
        ];
        assert_eq!(neighbour(&points, 0, Right), Some(1));
        // Near at a slant beats far straight ahead.
        let points = [[0.0, 0.0], [40.0, 0.0], [8.0, 3.0]];
        assert_eq!(neighbour(&points, 0, Right), Some(2));
        // Outside 60° is never a candidate.
        let points = [[0.0, 0.0], [1.0, 5.0]];
        assert_eq!(neighbour(&points, 0, Right), None);
    }

    #[test]
    fn bad_input_gives_none_or_skips() {
        assert_eq!(neighbour(&[], 0, Up), None);
        assert_eq!(neighbour(&grid(), 9, Up), None);
        let points = [[0.0, 0.0], [f64::NAN, 0.0], [5.0, 0.0], [0.0, 0.0]];
        assert_eq!(neighbour(&points, 0, Right), Some(2));
        assert_eq!(neighbour(&[[f64::NAN, 0.0], [1.0, 0.0]], 0, Right), None);
    }

    #[test]
    fn every_move_goes_the_way_pressed() {
        // A scattered layout from a small linear congruential generator.
        let mut seed = 7_u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as f64 / f64::from(1u32 << 31) * 100.0
        };
        let points: Vec<[f64; 2]> = (0..60).map(|_| [next(), next()]).collect();
        for from in 0..points.len() {
            for direction in [Up, Down, Left, Right] {
                if let Some(to) = neighbour(&points, from, direction) {
                    let [dx, dy] = direction.vector();
                    let ahead = (points[to][0] - points[from][0]) * dx
                        + (points[to][1] - points[from][1]) * dy;
                    assert!(ahead > 0.0, "{from} {direction:?} -> {to}");
                }
            }
        }
        assert_eq!(Direction::from_key("ArrowLeft"), Some(Left));
        assert_eq!(Direction::from_key("a"), None);
    }
}
