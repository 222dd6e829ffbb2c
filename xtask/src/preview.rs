//! The pages' preview images: each page's card, an SVG the core writes with
//! the same parts as the downloaded pictures (`picture::card`), rendered to
//! PNG by resvg, a well-kept renderer, without a browser.

use crate::cmd::Result;
use resvg::{tiny_skia, usvg};
use std::sync::Arc;

/// DejaVu Sans, from Debian's fonts-dejavu-core (`cargo xtask setup` installs it).
pub const FONTS: [&str; 2] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
];

/// Renders SVG documents with the cards' fonts, loaded once.
pub struct Renderer {
    options: usvg::Options<'static>,
}

impl Renderer {
    pub fn new() -> Result<Renderer> {
        let mut fonts = usvg::fontdb::Database::new();
        for file in FONTS {
            let data = std::fs::read(file).map_err(|e| {
                format!("cannot read the font {file} ({e}): install Debian's fonts-dejavu-core")
            })?;
            fonts.load_font_data(data);
        }
        fonts.set_sans_serif_family("DejaVu Sans");
        let options = usvg::Options {
            fontdb: Arc::new(fonts),
            ..usvg::Options::default()
        };
        Ok(Renderer { options })
    }

    /// The SVG document `svg` as a PNG of its own size.
    pub fn png(&self, svg: &str) -> Result<Vec<u8>> {
        let tree = usvg::Tree::from_str(svg, &self.options)
            .map_err(|e| format!("the preview's SVG cannot be read: {e}"))?;
        let size = tree.size().to_int_size();
        let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
            .ok_or("the preview's SVG has no size")?;
        pixmap.fill(tiny_skia::Color::WHITE);
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        encode(size.width(), size.height(), pixmap.data())
            .map_err(|e| format!("cannot encode the preview as PNG: {e}"))
    }
}

/// An opaque image (premultiplied RGBA over white) as a PNG: with a palette
/// where it has 256 colours or fewer (the cards' shapes are drawn without
/// anti-aliasing for this: a third of the size), else RGB.
fn encode(
    width: u32,
    height: u32,
    rgba: &[u8],
) -> std::result::Result<Vec<u8>, png::EncodingError> {
    let rgb: Vec<[u8; 3]> = rgba.chunks_exact(4).map(|p| [p[0], p[1], p[2]]).collect();
    let mut palette: Vec<[u8; 3]> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut indices = Vec::with_capacity(rgb.len());
    // Most pixels are their left neighbour's colour: looked up only on a change.
    let mut last: Option<([u8; 3], u8)> = None;
    for pixel in &rgb {
        let i = match last {
            Some((colour, i)) if colour == *pixel => i,
            _ => {
                let i = *index.entry(*pixel).or_insert_with(|| {
                    palette.push(*pixel);
                    palette.len() - 1
                });
                if palette.len() > 256 {
                    break;
                }
                let i = i as u8;
                last = Some((*pixel, i));
                i
            }
        };
        indices.push(i);
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_compression(png::Compression::Balanced);
        if palette.len() <= 256 {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(palette.concat());
            encoder.set_depth(png::BitDepth::Eight);
            encoder.write_header()?.write_image_data(&indices)?;
        } else {
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            encoder.write_header()?.write_image_data(&rgb.concat())?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_shapes_and_text_at_the_documents_size() {
        let renderer = Renderer::new().unwrap();
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="63">
            <rect width="120" height="63" fill="#1b7a3e"/>
            <text x="4" y="40" font-size="30" font-family="DejaVu Sans" fill="#fff">Kent</text>
        </svg>"##;
        let png = renderer.png(svg).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // Width and height, big-endian, in the IHDR chunk.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 120);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 63);
        assert!(renderer.png("<svg").is_err());
        assert!(
            renderer
                .png("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")
                .is_ok()
        );
    }
}
