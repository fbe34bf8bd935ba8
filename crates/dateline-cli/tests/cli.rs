//! The CLI contract, checked on the real binary: keys, types, offsets in
//! code points, JSON-lines order and error handling.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn dateline(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dateline runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// Slices by code points, as Python and the contract count.
fn chars(text: &str, span: &Value) -> String {
    let (s, e) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
    assert!(s <= e, "span {span} is reversed");
    text.chars().skip(s).take(e - s).collect()
}

/// Every invariant the contract promises about one output object.
fn check_contract(doc: &Value, source: &str) {
    let text = doc["text"].as_str().expect("text is a string");
    for key in ["id", "text", "dct", "repairs", "sentences", "entities", "timexes", "events", "timeline"] {
        assert!(doc.get(key).is_some(), "missing key {key} in {doc}");
    }
    for r in doc["repairs"].as_array().unwrap() {
        assert_eq!(chars(text, &r["span"]), r["after"].as_str().unwrap(), "repair {r}");
        assert_eq!(chars(source, &r["source_span"]), r["before"].as_str().unwrap(), "repair {r}");
        assert!(r["kind"].is_string());
    }
    let mut last = 0;
    for s in doc["sentences"].as_array().unwrap() {
        assert!(s[0].as_u64().unwrap() >= last, "sentences in order");
        last = s[1].as_u64().unwrap();
        assert!(last as usize <= text.chars().count());
    }
    let types = ["PERSON", "LOCATION", "ORGANIZATION", "NORP", "MISC"];
    for e in doc["entities"].as_array().unwrap() {
        assert!(types.contains(&e["type"].as_str().unwrap()), "entity type {e}");
        assert!(e["id"].is_string() && e["name"].is_string());
        assert!(e["titles"].as_array().is_some_and(|t| t.iter().all(Value::is_string)), "entity titles {e}");
        for m in e["mentions"].as_array().unwrap() {
            assert_eq!(chars(text, &m["span"]), m["text"].as_str().unwrap(), "mention {m}");
            assert!(m["source_span"].is_array());
        }
    }
    let timex_ids: Vec<&str> = doc["timexes"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    for t in doc["timexes"].as_array().unwrap() {
        assert_eq!(chars(text, &t["span"]), t["text"].as_str().unwrap(), "timex {t}");
        assert!(["DATE", "TIME", "DURATION", "SET"].contains(&t["type"].as_str().unwrap()));
        assert!(t["value"].is_string());
    }
    let event_ids: Vec<&str> = doc["events"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    let entity_ids: Vec<&str> = doc["entities"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    let classes = ["OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION"];
    let sentences = doc["sentences"].as_array().unwrap().len();
    for e in doc["events"].as_array().unwrap() {
        assert!(e["title"].is_string());
        assert!(classes.contains(&e["class"].as_str().unwrap()), "event class {e}");
        assert!(e["sentences"].as_array().unwrap().iter().all(|s| (s.as_u64().unwrap() as usize) < sentences), "event sentences {e}");
        assert!(e["participants"].as_array().unwrap().iter().all(|p| entity_ids.contains(&p.as_str().unwrap())), "participants {e}");
        assert!(e["place"].is_null() || entity_ids.contains(&e["place"].as_str().unwrap()), "place {e}");
        if !e["duration"].is_null() {
            let d = &e["duration"];
            assert!(d["value"].is_string(), "duration {e}");
            assert!(timex_ids.contains(&d["timex"].as_str().unwrap()) && d["text"].is_string(), "duration {e}");
        }
        for m in e["mentions"].as_array().unwrap() {
            assert_eq!(chars(text, &m["span"]), m["text"].as_str().unwrap(), "event mention {m}");
        }
        if !e["time"].is_null() {
            assert!(e["time"]["value"].is_string());
            let timex = &e["time"]["timex"];
            assert!(timex.is_null() || timex_ids.contains(&timex.as_str().unwrap()), "event time names a timex: {e}");
        }
    }
    for id in doc["timeline"].as_array().unwrap() {
        assert!(event_ids.contains(&id.as_str().unwrap()), "timeline names an event: {id}");
    }
}

const STORY: &str = "GENEVA —\u{a0}Négociateurs from France met inGenevaon Monday, officials said.\n\n\
Last year the talks\u{200b} failed. Mr. Dupont’s team said on Monday that a deal was “close.”";

#[test]
fn annotate_a_file_prints_one_object_honouring_the_contract() {
    let dir = std::env::temp_dir().join(format!("dateline-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("story.txt");
    std::fs::write(&path, STORY).unwrap();
    let out = dateline(&["annotate", path.to_str().unwrap(), "--dct", "2013-04-30"], b"");
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    check_contract(&doc, STORY);
    assert_eq!(doc["dct"]["value"], "2013-04-30");
    assert_eq!(doc["dct"]["source"], "given");
    assert!(!doc["text"].as_str().unwrap().contains('\u{200b}'), "invisible characters are repaired");
}

#[test]
fn annotate_reads_standard_input_and_survives_junk() {
    let mut junk = vec![0xff, 0xfe, 0x00, b'<', b'p', b'>'];
    junk.extend_from_slice("😀\u{202e}\u{0}ab\r\n\r\n\t".as_bytes());
    for input in [&b""[..], &junk[..], STORY.as_bytes()] {
        let out = dateline(&["annotate", "-"], input);
        assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        check_contract(&doc, &String::from_utf8_lossy(input));
        assert!(doc["dct"].is_null() || doc["dct"]["source"] == "inferred");
    }
}

#[test]
fn jsonl_keeps_order_and_ids_and_names_bad_lines() {
    let input = [
        r#"{"id": "a", "text": "Paris, May 2, 2011 — Mr. Blanc resigned on Monday.", "dct": "2011-05-02"}"#,
        r#"{"id": "b", "text": oops}"#,
        r#"{"id": "c"}"#,
        "",
        r#"{"id": "d", "text": "Nothing dated here."}"#,
        r#"{"id": "e", "text": "x", "dct": "May 2"}"#,
    ]
    .join("\n");
    let out = dateline(&["annotate", "--jsonl"], input.as_bytes());
    assert!(!out.status.success(), "bad lines make a non-zero exit");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in ["line 2", "line 3", "line 6"] {
        assert!(stderr.contains(line), "stderr names {line}: {stderr}");
    }
    let docs: Vec<Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "d"]);
    assert_eq!(docs[0]["dct"]["source"], "given");
    check_contract(&docs[0], "Paris, May 2, 2011 — Mr. Blanc resigned on Monday.");
}

#[test]
fn bad_arguments_are_usage_errors() {
    for args in [&["annotate", "--dct", "30/04/2013"][..], &["annotate", "--bogus"], &["frobnicate"], &[]] {
        let out = dateline(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
    }
}

/// The reference article, when `../shared` is present: offsets hold on real damage.
#[test]
fn reference_article_honours_the_contract() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed/article.txt");
    let Ok(article) = std::fs::read_to_string(path) else {
        eprintln!("reference article absent at {path}: skipped");
        return;
    };
    let out = dateline(&["annotate", path, "--dct", "2013-04-30"], b"");
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    check_contract(&doc, &article);
}

/// An event's place, participants and duration travel with it, as the page shows them.
#[test]
fn events_carry_place_participants_and_duration() {
    let story = "Anna Petrova, a chemist, spent six months in Tbilisi in 2019. \
Her six-month stay in Tbilisi ended in June 2019, colleagues said.";
    let out = dateline(&["annotate", "--dct", "2021-03-01"], story.as_bytes());
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    check_contract(&doc, story);
    let name = |id: &Value| {
        doc["entities"].as_array().unwrap().iter().find(|e| &e["id"] == id).map(|e| e["name"].as_str().unwrap().to_string())
    };
    let stay = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["mentions"].as_array().unwrap().iter().any(|m| m["text"] == "stay"))
        .unwrap_or_else(|| panic!("a stay event in {doc}"));
    assert_eq!(stay["class"], "OCCURRENCE", "{stay}");
    assert_eq!(stay["time"]["value"], "2019", "{stay}");
    assert_eq!(stay["duration"]["value"], "P6M", "{stay}");
    assert_eq!(name(&stay["place"]).as_deref(), Some("Tbilisi"), "{stay}");
    assert!(stay["participants"].as_array().unwrap().iter().any(|p| name(p).as_deref() == Some("Anna Petrova")), "{stay}");
}

/// Titles are kept beside the name, not in it, and every title of the
/// person is listed once.
#[test]
fn entities_carry_their_titles() {
    let story = "President Maria Okafor of Ghana arrived on Monday. Mrs. Okafor met farmers. Okafor left.";
    let out = dateline(&["annotate", "--dct", "2021-03-01"], story.as_bytes());
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    check_contract(&doc, story);
    let okafor = doc["entities"].as_array().unwrap().iter().find(|e| e["type"] == "PERSON").unwrap_or_else(|| panic!("a person in {doc}"));
    assert_eq!(okafor["name"], "Maria Okafor", "{okafor}");
    assert_eq!(okafor["titles"], serde_json::json!(["President", "Mrs."]), "{okafor}");
    assert_eq!(okafor["mentions"].as_array().unwrap().len(), 3, "{okafor}");
}

/// A year pinned by "last year, in 2012," is reported as the year alone;
/// day-level expressions stay relative.
#[test]
fn annotate_reports_a_year_only_inference() {
    let out = dateline(&["annotate", "-"], b"The firm moved last year, in 2012, to Ohio. It hired staff on Monday.");
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["dct"]["value"], "2013");
    assert_eq!(doc["dct"]["source"], "inferred");
    let value = |text: &str| doc["timexes"].as_array().unwrap().iter().find(|t| t["text"] == text).map(|t| t["value"].clone());
    assert_eq!(value("last year"), Some(Value::from("2012")));
    assert_eq!(value("Monday"), Some(Value::from("XXXX-WXX-1")));
}
