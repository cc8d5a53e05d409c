//! The Lotse widget: a Yew overlay compiled to WebAssembly.
