//! The theme's templates as text, for the findings a template causes: which
//! template renders a page, which templates it extends and includes, and
//! which file and line of them holds the element a rule found wrong.

use std::collections::HashMap;

use crate::read::config::Config;

use crate::render::rawhtml::{StartTag, start_tags};

/// One template: the file to name and its start tags with their lines.
struct Template {
    file: String,
    tags: Vec<(usize, StartTag)>,
    text: String,
    /// Templates it extends or includes, in the order written.
    uses: Vec<String>,
}

/// Every template of the effective theme, by name (`page.html`,
/// `partials/menu.html`).
pub(super) struct Templates {
    by_name: HashMap<String, Template>,
}

/// A place in a template: the file (as `template/error` names it) and, when
/// found, the line.
pub(super) type Place = (String, Option<usize>);

impl Templates {
    /// Reads the theme again (its errors were reported when the campaign
    /// was loaded).
    pub(super) fn load(config: &Config) -> Templates {
        let theme = crate::render::theme::load(config, &mut Vec::new())
            .unwrap_or_else(|_| crate::render::theme::builtin());
        let by_name = theme
            .templates()
            .filter_map(|(name, file)| {
                Some((
                    name.to_string(),
                    read(file.origin.clone(), file.text().ok()?),
                ))
            })
            .collect();
        Templates { by_name }
    }

    /// `name`, then what it extends and includes, each once.
    fn chain(&self, name: &str) -> Vec<&Template> {
        let mut names = vec![name.to_string()];
        let mut i = 0;
        while let Some(current) = names.get(i) {
            if let Some(t) = self.by_name.get(current) {
                for used in &t.uses {
                    if !names.contains(used) {
                        names.push(used.clone());
                    }
                }
            }
            i += 1;
        }
        names.iter().filter_map(|n| self.by_name.get(n)).collect()
    }

    /// The file of the template `name`.
    pub(super) fn file(&self, name: &str) -> String {
        self.by_name
            .get(name)
            .map_or_else(|| format!("template {name}"), |t| t.file.clone())
    }

    /// The `nth` (from 0) start tag of the page's templates that `wanted`
    /// accepts (given the tag and the text after it); else the page's own
    /// template, without a line.
    pub(super) fn find(
        &self,
        name: &str,
        nth: usize,
        wanted: impl Fn(&StartTag, &str) -> bool,
    ) -> Place {
        self.chain(name)
            .into_iter()
            .flat_map(|t| {
                t.tags
                    .iter()
                    .filter(|(_, tag)| wanted(tag, &t.text[tag.offset..]))
                    .map(|(line, _)| (t.file.clone(), Some(*line)))
            })
            .nth(nth)
            .unwrap_or_else(|| (self.file(name), None))
    }
}

fn read(file: String, text: String) -> Template {
    let mut line = 1;
    let mut counted = 0;
    let tags = start_tags(&text)
        .into_iter()
        .map(|tag| {
            line += text[counted..tag.offset].matches('\n').count();
            counted = tag.offset;
            (line, tag)
        })
        .collect();
    let uses = ["extends", "include"]
        .iter()
        .flat_map(|keyword| {
            text.match_indices(keyword).filter_map(|(i, _)| {
                let rest = text[i + keyword.len()..].trim_start();
                let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
                let rest = &rest[1..];
                Some(rest[..rest.find(quote)?].to_string())
            })
        })
        .collect();
    Template {
        file,
        tags,
        text,
        uses,
    }
}

/// Is the element that starts at the beginning of `after` empty up to its
/// end tag (no text, no expression)? `<a href="…"></a>`.
pub(super) fn empty_element(tag: &StartTag, after: &str) -> bool {
    let Some(open_end) = after.find('>') else {
        return false;
    };
    let inner = &after[open_end + 1..];
    let close = format!("</{}", tag.name);
    let Some(end) = inner.to_ascii_lowercase().find(&close) else {
        return false;
    };
    let inner = &inner[..end];
    // Only tags inside (an icon without text): nothing a screen reader says.
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_have_lines_and_templates_their_uses() {
        let t = read(
            "themes/x/templates/page.html".into(),
            "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>{% include 'partials/a.html' %}<p>\n<img src=x>{% endblock %}\n".into(),
        );
        let tags: Vec<(usize, &str)> = t.tags.iter().map(|(l, t)| (*l, t.name.as_str())).collect();
        assert_eq!(tags, [(3, "h1"), (3, "p"), (4, "img")]);
        assert_eq!(t.uses, ["base.html", "partials/a.html"]);
    }

    #[test]
    fn empty_elements() {
        let tag = |name: &str| StartTag {
            offset: 0,
            name: name.into(),
            attrs: Vec::new(),
        };
        assert!(empty_element(
            &tag("button"),
            "<button type=\"button\"> <svg></svg></button>"
        ));
        assert!(!empty_element(&tag("a"), "<a href=\"x\">{{ t.home }}</a>"));
        assert!(!empty_element(&tag("a"), "<a href=\"x\">"));
    }
}
