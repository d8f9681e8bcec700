//! Loading the WebAssembly only where it is needed.

use leptos::prelude::*;

/// Loads the WebAssembly that hydrates the islands on this page. Put it on pages that contain an
/// island; every other page stays free of scripts.
#[component]
pub fn IslandScripts() -> impl IntoView {
    use_context::<LeptosOptions>().map(|options| view! { <HydrationScripts options islands=true/> })
}
