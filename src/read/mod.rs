//! Reading the campaign: files and their names ([`source`], `names`,
//! [`slug`]), YAML with positions ([`yaml`], `values`), the settings and
//! district files (`config`; [`target`] parses their deploy targets and web
//! addresses, [`places`] holds the grammar of their parts), the hotline
//! directory ([`hotlines`]), every page and data file ([`content`]) and the
//! pictures' sizes and formats (`images`). Everything here checks what it
//! reads and reports the file and line; nothing here knows the site model.

pub(crate) mod config;
pub mod content;
pub mod hotlines;
pub(crate) mod images;
pub(crate) mod names;
pub mod places;
pub mod slug;
pub mod source;
pub mod target;
pub(crate) mod values;
pub(crate) mod weburl;
pub(crate) mod whereabouts;
pub mod yaml;
