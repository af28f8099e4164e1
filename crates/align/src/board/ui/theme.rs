//! The board's colours, by theme. The widgets draw in the dark theme's palette (today's
//! look); after a frame is drawn, [`apply`] maps each cell's colours onto the chosen
//! theme's palette — or takes every colour away under `NO_COLOR` / `--no-color`, keeping
//! bold, reverse and the like so the selection and focus stay visible. Class colours keep
//! their meaning in every theme: green aligned, yellow partial, blue operational, red
//! busy-work.

use crate::config::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// The roles the ui's colours play, by the dark theme's colour for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Focus border, highlights, the selected tab (dark: cyan).
    pub accent: Color,
    /// Text on an accent background (dark: black).
    pub on_accent: Color,
    /// Secondary text (dark: gray).
    pub secondary: Color,
    /// Muted text and unfocused borders (dark: dark gray).
    pub muted: Color,
    /// Emphasised text (dark: white).
    pub strong: Color,
    /// Second accent: quadrant and verdict markers (dark: magenta).
    pub accent2: Color,
    /// Class and verdict colours, meaning kept in every theme.
    pub aligned: Color,
    pub partial: Color,
    pub operational: Color,
    pub busy: Color,
    /// Add bold to every cell, drop dim (high contrast).
    pub bold: bool,
}

impl Palette {
    pub fn of(theme: Theme) -> Palette {
        match theme {
            Theme::Dark => Palette {
                accent: Color::Cyan,
                on_accent: Color::Black,
                secondary: Color::Gray,
                muted: Color::DarkGray,
                strong: Color::White,
                accent2: Color::Magenta,
                aligned: Color::Green,
                partial: Color::Yellow,
                operational: Color::Blue,
                busy: Color::Red,
                bold: false,
            },
            // Dark text colours that read on a light background.
            Theme::Light => Palette {
                accent: Color::Blue,
                on_accent: Color::White,
                secondary: Color::Black,
                muted: Color::DarkGray,
                strong: Color::Black,
                accent2: Color::Magenta,
                aligned: Color::Green,
                partial: Color::Rgb(0x9a, 0x6a, 0x00),
                operational: Color::Blue,
                busy: Color::Red,
                bold: false,
            },
            // Pure colours, bold, no gray and no dim.
            Theme::HighContrast => Palette {
                accent: Color::LightCyan,
                on_accent: Color::Black,
                secondary: Color::White,
                muted: Color::White,
                strong: Color::White,
                accent2: Color::LightMagenta,
                aligned: Color::LightGreen,
                partial: Color::LightYellow,
                operational: Color::LightBlue,
                busy: Color::LightRed,
                bold: true,
            },
        }
    }

    /// A colour the widgets drew (in the dark palette) in this palette.
    pub fn map(&self, c: Color) -> Color {
        match c {
            Color::Cyan => self.accent,
            Color::Black => self.on_accent,
            Color::Gray => self.secondary,
            Color::DarkGray => self.muted,
            Color::White => self.strong,
            Color::Magenta => self.accent2,
            Color::Green => self.aligned,
            Color::Yellow => self.partial,
            Color::Blue => self.operational,
            Color::Red => self.busy,
            other => other,
        }
    }
}

/// Recolour a drawn frame for `theme`, or strip its colour when `color` is false.
pub fn apply(buf: &mut Buffer, theme: Theme, color: bool) {
    if color && theme == Theme::Dark {
        return;
    }
    let palette = Palette::of(theme);
    for cell in &mut buf.content {
        if !color {
            cell.fg = Color::Reset;
            cell.bg = Color::Reset;
            continue;
        }
        cell.fg = palette.map(cell.fg);
        cell.bg = palette.map(cell.bg);
        if palette.bold {
            cell.modifier.remove(Modifier::DIM);
            if cell.fg != Color::Reset || cell.bg != Color::Reset {
                cell.modifier.insert(Modifier::BOLD);
            }
        }
    }
}
