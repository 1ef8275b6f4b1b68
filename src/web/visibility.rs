//! Is an element hidden by CSS? Read-only and cheap: one `checkVisibility()` call per
//! rendered element, and `getComputedStyle` only for the few it reports as invisible.
//!
//! `checkVisibility()` is false for `display: none`, for content skipped by
//! `content-visibility` (closed `<details>`, `hidden=until-found`), for `display: contents`
//! in some engines, and (with `visibilityProperty`) for `visibility: hidden`. Only the
//! first two kinds of CSS hiding make text unreadable to a user, so a `false` is confirmed
//! with the element's own computed `display` / `visibility`: a closed `<details>` keeps its
//! text (as the native CLI does), a `display: contents` wrapper keeps its children.
//!
//! Without `checkVisibility` (older engines) every element costs a `getComputedStyle`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Window};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = Element)]
    type VisibilityElement;

    #[wasm_bindgen(method, js_name = checkVisibility)]
    fn check_visibility(this: &VisibilityElement, options: &JsValue) -> bool;
}

/// Visibility checks for the elements of one document.
#[derive(Debug)]
pub struct Checker {
    window: Option<Window>,
    options: JsValue,
    has_check_visibility: bool,
}

impl Checker {
    pub fn new(window: Option<Window>, sample: &Element) -> Checker {
        let options = js_sys::Object::new();
        for key in ["visibilityProperty", "checkVisibilityCSS"] {
            // Setting a property on a fresh plain object cannot fail.
            let _ = js_sys::Reflect::set(&options, &key.into(), &JsValue::TRUE);
        }
        let has_check_visibility = js_sys::Reflect::get(sample, &"checkVisibility".into())
            .map(|f| f.is_function())
            .unwrap_or(false);
        Checker {
            window,
            options: options.into(),
            has_check_visibility,
        }
    }

    /// The options object for `checkVisibility` (see `super::element_info`).
    pub fn options(&self) -> &JsValue {
        &self.options
    }

    /// Is `el` hidden, given what its `checkVisibility()` said (`None`: not available)?
    /// A `false` is confirmed by the computed style.
    pub fn is_hidden_given(&self, el: &Element, check_visibility: Option<bool>) -> bool {
        if check_visibility == Some(true) {
            return false;
        }
        self.computed_hidden(el)
    }

    /// True when CSS hides `el` and its subtree from the reader.
    pub fn is_hidden(&self, el: &Element) -> bool {
        if self.has_check_visibility
            && el
                .unchecked_ref::<VisibilityElement>()
                .check_visibility(&self.options)
        {
            return false;
        }
        self.computed_hidden(el)
    }

    fn computed_hidden(&self, el: &Element) -> bool {
        let Some(style) = self
            .window
            .as_ref()
            .and_then(|w| w.get_computed_style(el).ok().flatten())
        else {
            return false;
        };
        let display = style.get_property_value("display").unwrap_or_default();
        if display == "none" {
            return true;
        }
        let visibility = style.get_property_value("visibility").unwrap_or_default();
        visibility == "hidden" || visibility == "collapse"
    }
}
