//! The "Entities" region: who and what the article names, grouped by type,
//! most mentioned first. Choosing one highlights its mentions in the article.

use dateline_core::EntityType;
use yew::prelude::*;

use crate::state::DocRef;

const GROUPS: [(EntityType, &str); 5] = [
    (EntityType::Person, "People"),
    (EntityType::Location, "Places"),
    (EntityType::Organization, "Organisations"),
    (EntityType::Norp, "Groups and nationalities"),
    (EntityType::Misc, "Other"),
];

#[derive(Properties, PartialEq)]
pub struct EntitiesProps {
    pub doc: Option<DocRef>,
    #[prop_or_default]
    pub selected: Option<usize>,
    /// Choose an entity, by id.
    #[prop_or_default]
    pub on_select: Callback<String>,
}

#[function_component]
pub fn Entities(props: &EntitiesProps) -> Html {
    let body = match &props.doc {
        None => html! { <p class="empty">{"Entities appear here once an article is annotated."}</p> },
        Some(doc) if doc.entities.is_empty() => html! { <p class="empty">{"No entities found."}</p> },
        Some(doc) => GROUPS
            .iter()
            .map(|&(kind, heading)| {
                let mut members: Vec<usize> = (0..doc.entities.len()).filter(|&i| doc.entities[i].kind == kind).collect();
                if members.is_empty() {
                    return Html::default();
                }
                dateline_core::sort::sort_by(&mut members, |&a, &b| {
                    let (a, b) = (&doc.entities[a], &doc.entities[b]);
                    b.mentions.len().cmp(&a.mentions.len()).then_with(|| a.name.cmp(&b.name))
                });
                let items: Html = members
                    .into_iter()
                    .map(|i| {
                        let entity = &doc.entities[i];
                        let selected = props.selected == Some(i);
                        let count = entity.mentions.len();
                        let label = format!("{}, {count} mention{}", entity.name, if count == 1 { "" } else { "s" });
                        let onclick = {
                            let id = entity.id.clone();
                            props.on_select.reform(move |_: MouseEvent| id.clone())
                        };
                        let titles = (!entity.titles.is_empty()).then(|| entity.titles.join(", "));
                        html! {
                            <li key={entity.id.clone()}>
                                <button type="button" class={classes!("entity", super::entity_class(kind), selected.then_some("selected"))}
                                    aria-pressed={selected.to_string()} aria-label={label} title={titles} {onclick}>
                                    <span class="name">{entity.name.clone()}</span>
                                    <span class="count">{count}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect();
                html! {
                    <div class="entity-group" key={kind.name()}>
                        <h3>{heading}<span class="type-code">{kind.name()}</span></h3>
                        <ul class="entity-list">{items}</ul>
                    </div>
                }
            })
            .collect(),
    };
    html! {
        <section class="panel entities" aria-label="Entities">
            <h2>{"Entities"}</h2>
            {body}
        </section>
    }
}
