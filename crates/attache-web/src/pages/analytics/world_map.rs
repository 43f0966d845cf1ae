//! A world map coloured by engagement intensity, drawn on the server as SVG from the
//! vendored Natural Earth TopoJSON (`assets/world/`). The shapes are decoded and projected
//! once (equirectangular: the map is for seeing where engagement is, not for measuring);
//! each request only colours them. TopoJSON is decoded by hand: the format is an array of
//! delta-encoded arcs and rings of arc indices, a few lines, where a crate would bring a
//! geometry toolkit for the same result.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

use attache_documents::escape;
use serde::Deserialize;

const TOPOLOGY: &str = include_str!("../../../assets/world/countries-110m.json");
/// ISO 3166-1 codes (alpha-3 first, numeric third), to name the shapes as partners are.
const COUNTRIES: &str = include_str!("../../../../../data/reference/countries.csv");
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 360.0;
/// Light to dark: intensity in fifths of the highest.
const SHADES: [&str; 5] = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
const NONE: &str = "#e5e7eb";

#[derive(Deserialize)]
struct Topology {
    transform: Transform,
    objects: Objects,
    arcs: Vec<Vec<[i64; 2]>>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Objects {
    countries: Collection,
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        arcs: Vec<Vec<i64>>,
        id: Option<String>,
        properties: Properties,
    },
    MultiPolygon {
        arcs: Vec<Vec<Vec<i64>>>,
        id: Option<String>,
        properties: Properties,
    },
}

#[derive(Deserialize)]
struct Properties {
    name: String,
}

/// A country's outline as an SVG path, with its alpha-3 code when it has one.
struct Shape {
    code: Option<String>,
    name: String,
    path: String,
}

/// The shapes, decoded once; empty if the vendored file could not be read (a build defect
/// the map's test catches), so that a page never fails for its map.
fn shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| decode().unwrap_or_default())
}

fn decode() -> Option<Vec<Shape>> {
    let topology: Topology = serde_json::from_str(TOPOLOGY).ok()?;
    let alpha3: HashMap<u32, &str> = COUNTRIES
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split(',');
            let code = fields.next()?;
            Some((fields.nth(1)?.parse().ok()?, code))
        })
        .collect();
    let [sx, sy] = topology.transform.scale;
    let [tx, ty] = topology.transform.translate;
    // Each arc's absolute, projected points.
    let arcs: Vec<Vec<(f64, f64)>> = topology
        .arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0, 0);
            arc.iter()
                .map(|[dx, dy]| {
                    (x, y) = (x + dx, y + dy);
                    let (lon, lat) = (x as f64 * sx + tx, y as f64 * sy + ty);
                    ((lon + 180.0) / 360.0 * WIDTH, (90.0 - lat) / 180.0 * HEIGHT)
                })
                .collect()
        })
        .collect();
    let ring = |path: &mut String, indices: &[i64]| {
        let mut first = true;
        let (mut previous, mut shift): (Option<f64>, f64) = (None, 0.0);
        for &index in indices {
            // A negative index is the arc `!index` walked backwards.
            let (arc, reversed) = match index {
                i if i >= 0 => (arcs.get(i as usize), false),
                i => (arcs.get(!i as usize), true),
            };
            let Some(arc) = arc else { continue };
            let points: Box<dyn Iterator<Item = &(f64, f64)>> = match reversed {
                true => Box::new(arc.iter().rev()),
                false => Box::new(arc.iter()),
            };
            for &(x, y) in points {
                // A ring that crosses the antimeridian jumps across the map: it is drawn
                // on past the edge instead (the frame cuts it), not as a streak.
                if let Some(last) = previous {
                    if x + shift - last > WIDTH / 2.0 {
                        shift -= WIDTH;
                    } else if last - (x + shift) > WIDTH / 2.0 {
                        shift += WIDTH;
                    }
                }
                let x = x + shift;
                previous = Some(x);
                let _ = write!(path, "{}{x:.1},{y:.1}", if first { 'M' } else { 'L' });
                first = false;
            }
        }
        path.push('Z');
    };
    let shapes = topology
        .objects
        .countries
        .geometries
        .iter()
        .map(|geometry| {
            let mut path = String::new();
            let (id, name) = match geometry {
                Geometry::Polygon {
                    arcs,
                    id,
                    properties,
                } => {
                    arcs.iter().for_each(|r| ring(&mut path, r));
                    (id, &properties.name)
                }
                Geometry::MultiPolygon {
                    arcs,
                    id,
                    properties,
                } => {
                    arcs.iter().flatten().for_each(|r| ring(&mut path, r));
                    (id, &properties.name)
                }
            };
            let numeric = id.as_deref().and_then(|id| id.parse::<u32>().ok());
            Shape {
                code: numeric
                    .and_then(|n| alpha3.get(&n))
                    .map(|c| (*c).to_owned()),
                name: name.clone(),
                path,
            }
        })
        .collect();
    Some(shapes)
}

/// The world with each state shaded by its intensity (alpha-3 code → intensity).
pub(crate) fn draw(title: &str, intensity: &HashMap<String, f64>) -> String {
    let highest = intensity.values().copied().fold(0.0, f64::max);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart world" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="world-title" xmlns="http://www.w3.org/2000/svg"><title id="world-title">{}</title>"#,
        escape(title)
    );
    for shape in shapes() {
        let value = shape.code.as_ref().and_then(|c| intensity.get(c)).copied();
        let fill = match value {
            Some(v) if v > 0.0 && highest > 0.0 => {
                let shade = ((v / highest) * SHADES.len() as f64).ceil() as usize;
                SHADES
                    .get(shade.clamp(1, SHADES.len()) - 1)
                    .copied()
                    .unwrap_or(NONE)
            }
            _ => NONE,
        };
        let _ = write!(
            svg,
            r##"<path d="{}" fill="{fill}" stroke="#ffffff" stroke-width="0.3"><title>{}: {}</title></path>"##,
            shape.path,
            escape(&shape.name),
            value.map_or("no engagement".to_owned(), |v| format!("intensity {v}")),
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_vendored_map_decodes_into_named_states_inside_the_frame() {
        let shapes = decode().unwrap();
        assert!(shapes.len() > 170, "{} shapes", shapes.len());
        let named = shapes.iter().filter(|s| s.code.is_some()).count();
        assert!(named > 165, "{named} shapes with an alpha-3 code");
        let australia = shapes
            .iter()
            .find(|s| s.code.as_deref() == Some("AUS"))
            .unwrap();
        assert_eq!(australia.name, "Australia");
        for shape in &shapes {
            for point in shape.path.split(['M', 'L', 'Z']).filter(|p| !p.is_empty()) {
                let (x, y) = point.split_once(',').unwrap();
                let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
                // Across the antimeridian a ring runs on past an edge, by less than a width.
                assert!((-WIDTH..=2.0 * WIDTH).contains(&x), "{point}");
                assert!((0.0..=HEIGHT).contains(&y), "{point}");
            }
        }
        let svg = draw(
            "test",
            &HashMap::from([("AUS".to_owned(), 4.0), ("FRA".to_owned(), 1.0)]),
        );
        assert!(
            svg.contains(r##"fill="#08519c" stroke="#ffffff" stroke-width="0.3"><title>Australia: intensity 4</title>"##),
            "Australia darkest"
        );
        assert!(svg.contains("France: intensity 1"));
    }
}
