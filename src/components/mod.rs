//! One small function component per file. State flows down as props,
//! changes flow up as callbacks into the reducer in [`crate::app`].

pub mod article;
pub mod dct_note;
pub mod editor;
pub mod entities;
pub mod repairs;
pub mod status;
pub mod timeline;

/// The CSS class suffix of an entity type: `ent-person`, `ent-norp`…
pub fn entity_class(kind: dateline_core::EntityType) -> String {
    format!("ent-{}", kind.name().to_ascii_lowercase())
}
