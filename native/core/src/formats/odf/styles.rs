//! The few style facts the text needs (OpenDocument 1.3 Part 3, 16): which text styles are bold
//! or italic, and which list styles number their items. Read from the automatic and common
//! styles as the body reader passes them.

use std::collections::{HashMap, HashSet};

use crate::container::Element;

use super::{STYLE, TEXT};

/// Emphasis a text style gives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Emphasis {
    pub bold: bool,
    pub italic: bool,
}

#[derive(Debug, Default)]
pub struct Styles {
    emphasis: HashMap<String, Emphasis>,
    numbered: HashSet<String>,
    /// The style whose properties are being read.
    current: Option<String>,
    /// The list style being read.
    current_list: Option<String>,
}

impl Styles {
    /// Takes in the start of an element inside a styles section.
    pub fn start(&mut self, element: &Element<'_, '_>) {
        if element.is(STYLE, b"style") {
            self.current = element.attr(b"name");
        } else if element.is(STYLE, b"text-properties") {
            let Some(name) = self.current.clone() else {
                return;
            };
            let bold = element
                .attr(b"font-weight")
                .is_some_and(|w| w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600));
            let italic = element
                .attr(b"font-style")
                .is_some_and(|s| s == "italic" || s == "oblique");
            if bold || italic {
                self.emphasis.insert(name, Emphasis { bold, italic });
            }
        } else if element.is(TEXT, b"list-style") {
            self.current_list = element.attr(b"name");
        } else if element.is(TEXT, b"list-level-style-number")
            && element.attr(b"level").as_deref() == Some("1")
        {
            if let Some(name) = &self.current_list {
                let format = element.attr(b"num-format").unwrap_or_default();
                if !format.is_empty() {
                    self.numbered.insert(name.clone());
                }
            }
        }
    }

    /// The emphasis of the text style `name`.
    pub fn emphasis(&self, name: &str) -> Emphasis {
        self.emphasis.get(name).copied().unwrap_or_default()
    }

    /// Whether the list style `name` numbers its items.
    pub fn is_numbered(&self, name: &str) -> bool {
        self.numbered.contains(name)
    }
}
