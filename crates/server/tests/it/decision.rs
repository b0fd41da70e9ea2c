//! The Commissioner's decision on the web: the notice's guided form (its event, then the
//! questions), where a mistake is named in an error summary and writes nothing; and the
//! decision section of the case page, for everyone who sees the case, with the outcome in
//! the Commissioner's words and each step with its date and where it stands.

use foidesk_engine::api::{CaseFile, Date};

use crate::common::{self, csrf_of, email, example, World, TODAY};

const MET: &str = "2020-06-23_metropolitan-police-service";

/// The 2020 Met case up to the complaint: with the Commissioner, no notice yet.
fn complained() -> CaseFile {
    let mut file = example(MET);
    file.events.pop();
    file
}

/// The notice event's form: dated today, with `outcome` as posted.
fn notice_form<'a>(
    csrf: &'a str,
    version: &'a str,
    day: &'a [String; 3],
    outcome: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("version", version),
        ("date-day", &day[0]),
        ("date-month", &day[1]),
        ("date-year", &day[2]),
        ("reference", "IC-123456-A1B2"),
        ("outcome", outcome),
        ("steps", "Confirm or deny whether the information is held."),
        ("action", "letter"),
    ]
}

fn today_boxes() -> [String; 3] {
    let d = Date::parse(TODAY).unwrap();
    [
        d.day().to_string(),
        d.month().to_string(),
        d.year().to_string(),
    ]
}

async fn open(world: &World, reference: &str, file: CaseFile) -> i64 {
    world
        .system
        .open_case("b", reference, file, "setup")
        .await
        .unwrap()
        .summary
        .id
}

#[tokio::test]
async fn the_guided_notice_names_each_mistake_and_writes_nothing() {
    for world in common::worlds().await {
        let label = world.label;
        let id = open(&world, "B-3", complained()).await;
        let cookie = world.session("caseworker").await;
        let root = format!("/cases/{id}/letters/decision_notice");
        let start = world.page(&root, &cookie).await;
        assert_eq!(start.status, 303, "{label}: {}", start.text);
        let form = world.page(&format!("{root}/event"), &cookie).await;
        assert_eq!(form.status, 200, "{label}");
        // The outcome in the Commissioner's words, and the law's default period.
        for words in [
            "Upheld: the authority was not entitled",
            "Partly upheld",
            "Not upheld",
            "35 calendar days",
            "Continue to the notice",
        ] {
            assert!(
                form.text.contains(words),
                "{label}: the form lacks {words:?}"
            );
        }
        let csrf = csrf_of(&form.text);
        let day = today_boxes();
        let before = world.snapshot().await;

        let bad = world
            .form(
                &format!("{root}/event"),
                &cookie,
                &notice_form(&csrf, "4", &day, "won"),
            )
            .await;
        assert_eq!(bad.status, 422, "{label}: {}", bad.text);
        assert!(
            bad.text.contains("error-summary") && bad.text.contains("href=\"#outcome\""),
            "{label}: {}",
            bad.text
        );
        assert_eq!(
            world.snapshot().await,
            before,
            "{label}: a refused form wrote something"
        );

        let good = world
            .form(
                &format!("{root}/event"),
                &cookie,
                &notice_form(&csrf, "4", &day, "authority_not_entitled"),
            )
            .await;
        assert_eq!(good.status, 303, "{label}: {}", good.text);
        assert_eq!(
            good.headers["location"],
            format!("{root}/questions/0").as_str(),
            "{label}"
        );
        let page = world.page(&format!("{root}/questions/0"), &cookie).await;
        assert_eq!(page.status, 200, "{label}");
        let question = "Was the authority entitled to rely on section 40(2)?";
        assert!(page.text.contains(question), "{label}: {}", page.text);

        // Blank, then a choice the form does not offer: each named, nothing recorded.
        let blank = world
            .form(&format!("{root}/questions/0"), &cookie, &[("csrf", &csrf)])
            .await;
        assert_eq!(blank.status, 422, "{label}");
        assert!(
            blank.text.contains(&format!("Answer: {question}")),
            "{label}: {}",
            blank.text
        );
        // Issuing with questions open is refused, in words.
        let send = world
            .form(
                &format!("{root}/send"),
                &cookie,
                &[("csrf", &csrf), ("version", "4")],
            )
            .await;
        assert_eq!(send.status, 422, "{label}: {}", send.text);
        assert!(
            send.text.contains("Still to answer") && !send.text.contains("decision.analysis"),
            "{label}: {}",
            send.text
        );
        let odd = [
            ("csrf", csrf.as_str()),
            ("decision.analysis[s.40(2)].conclusion", "perhaps"),
            ("decision.analysis[s.40(2)].reasons", "Some reasons."),
        ];
        let odd = world
            .form(&format!("{root}/questions/0"), &cookie, &odd)
            .await;
        assert_eq!(odd.status, 422, "{label}");
        assert!(
            odd.text
                .contains("Choose whether the authority was entitled to rely on section 40(2)"),
            "{label}: {}",
            odd.text
        );
        assert_eq!(
            world.snapshot().await,
            before,
            "{label}: nothing is recorded until the notice is issued"
        );
        world.finish().await;
    }
}

#[tokio::test]
async fn everyone_who_sees_the_case_sees_the_decision() {
    for world in common::worlds().await {
        let label = world.label;
        let mut mine = example(MET);
        mine.request.requester = Some(email("requester"));
        let id = open(&world, "B-4", mine).await;
        // No compliance is recorded: the steps fell due on 28 July 2020.
        let overdue = Date::parse("2020-07-28")
            .unwrap()
            .days_until(Date::parse(TODAY).unwrap());
        let overdue = format!("overdue by {overdue} days");
        for who in ["caseworker", "officer_b", "admin", "requester"] {
            let cookie = world.session(who).await;
            let page = world.page(&format!("/cases/{id}"), &cookie).await;
            assert_eq!(page.status, 200, "{label} {who}");
            let at = page
                .text
                .find("id=\"decision\"")
                .unwrap_or_else(|| panic!("{label} {who}: no decision"));
            let section = &page.text[at..];
            for words in [
                "Upheld",
                "23 June 2020",
                "28 July 2020",
                "Give a fresh response to part 4",
                overdue.as_str(),
                "Breaches found",
                "section 10(1)",
            ] {
                assert!(section.contains(words), "{label} {who}: lacks {words:?}");
            }
            assert!(
                !section.contains("authority_not_entitled") && !section.contains("2020-07-28"),
                "{label} {who}"
            );
            let yours = section.contains("The Commissioner decided in your favour");
            assert_eq!(yours, who == "requester", "{label} {who}");
        }
        // The requester who did not make it sees nothing of it.
        let other = world.session("other_requester").await;
        assert_eq!(
            world.page(&format!("/cases/{id}"), &other).await.status,
            404,
            "{label}"
        );
        world.finish().await;
    }
}

#[tokio::test]
async fn an_appeal_shows_its_tribunal_reference_and_result() {
    for world in common::worlds().await {
        let label = world.label;
        let mut file = example(MET);
        let appeal = "[[events]]\nkind = \"appeal\"\ndate = \"2020-07-10\"\nby = \"authority\"\ntribunal_reference = \"EA/2020/0123\"\n\
                      [[events]]\nkind = \"appeal_decided\"\ndate = \"2020-11-02\"\nappeal_result = \"dismissed\"\n";
        let more: CaseFile = toml::from_str(&format!(
            "[request]\nauthority = \"x\"\nregime = \"FOIA\"\nreceived = \"2020-01-01\"\n{appeal}"
        ))
        .unwrap();
        file.events.extend(more.events);
        let id = open(&world, "B-5", file).await;
        let cookie = world.session("caseworker").await;
        let page = world.page(&format!("/cases/{id}"), &cookie).await;
        let at = page
            .text
            .find("id=\"decision-appeal\"")
            .expect("the appeal");
        let appeal = &page.text[at..];
        for words in [
            "By the authority, 10 July 2020",
            "EA/2020/0123",
            "The Tribunal dismissed the appeal, 2 November 2020",
        ] {
            assert!(appeal.contains(words), "{label}: lacks {words:?}");
        }
        world.finish().await;
    }
}
