//! `foidesk serve --demo`: the example cases (built into the binary, so the
//! demo works from any folder), the authorities they name, and one account
//! per role. Loading twice changes nothing. The demo's accounts have a
//! published password, so it loads only into an empty store, which it then
//! marks as a demo store, or into a store so marked.

use std::net::SocketAddr;

use anyhow::Context as _;
use foidesk_engine::api::{CaseFile, Date};
use foidesk_engine::{AuthorityProfile, Engine, EngineError, Role, Signatory, System};

use crate::BadInput;

/// Every file of examples/cases, by name (a test keeps this list complete).
/// The demo's register of authorities, with the names the examples use.
const REGISTER: &str = include_str!("../../../examples/register.toml");

pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "2018-09-20_cambridgeshire-constabulary",
        include_str!("../../../examples/cases/2018-09-20_cambridgeshire-constabulary.toml"),
    ),
    (
        "2020-06-23_metropolitan-police-service",
        include_str!("../../../examples/cases/2020-06-23_metropolitan-police-service.toml"),
    ),
    (
        "2023-09-04_metropolitan-police-service",
        include_str!("../../../examples/cases/2023-09-04_metropolitan-police-service.toml"),
    ),
    (
        "2024-11-18_kent-police",
        include_str!("../../../examples/cases/2024-11-18_kent-police.toml"),
    ),
    (
        "2024-11-18_nottinghamshire-police",
        include_str!("../../../examples/cases/2024-11-18_nottinghamshire-police.toml"),
    ),
    (
        "synthetic-clarification-restarts-clock",
        include_str!("../../../examples/cases/synthetic-clarification-restarts-clock.toml"),
    ),
    (
        "synthetic-complaint-after-review",
        include_str!("../../../examples/cases/synthetic-complaint-after-review.toml"),
    ),
    (
        "synthetic-complaint-before-review",
        include_str!("../../../examples/cases/synthetic-complaint-before-review.toml"),
    ),
    (
        "synthetic-complaint-declined",
        include_str!("../../../examples/cases/synthetic-complaint-declined.toml"),
    ),
    (
        "synthetic-complaint-investigation",
        include_str!("../../../examples/cases/synthetic-complaint-investigation.toml"),
    ),
    (
        "synthetic-eir-ncnd-wrong-exception",
        include_str!("../../../examples/cases/synthetic-eir-ncnd-wrong-exception.toml"),
    ),
    (
        "synthetic-eir-reg7-extension",
        include_str!("../../../examples/cases/synthetic-eir-reg7-extension.toml"),
    ),
    (
        "synthetic-fee-pause",
        include_str!("../../../examples/cases/synthetic-fee-pause.toml"),
    ),
    (
        "synthetic-internal-review-too-late",
        include_str!("../../../examples/cases/synthetic-internal-review-too-late.toml"),
    ),
    (
        "synthetic-ncnd-under-s21",
        include_str!("../../../examples/cases/synthetic-ncnd-under-s21.toml"),
    ),
    (
        "synthetic-pit-extension-beyond-guidance",
        include_str!("../../../examples/cases/synthetic-pit-extension-beyond-guidance.toml"),
    ),
    (
        "synthetic-pit-extension-in-time",
        include_str!("../../../examples/cases/synthetic-pit-extension-in-time.toml"),
    ),
    (
        "synthetic-school-request",
        include_str!("../../../examples/cases/synthetic-school-request.toml"),
    ),
];

/// Known to anyone who reads this file: for a demo on one's own machine only.
pub const DEMO_PASSWORD: &str = foidesk_engine::DEMO_PASSWORD;
/// The officer works for the authority of this example.
const OFFICER_EXAMPLE: &str = "2020-06-23_metropolitan-police-service";
/// The demo requester made the synthetic requests.
const REQUESTER_EMAIL: &str = "requester@demo.foidesk.test";

/// The `store_meta` key that marks a store the demo loaded into when empty.
const DEMO_MARK: &str = "demo";

/// The kind of authority the demo's coordinator (the national police FOI
/// unit) coordinates.
const COORDINATED_KIND: &str = "police";

/// (role, email, name)
const ACCOUNTS: [(Role, &str, &str); 5] = [
    (
        Role::Administrator,
        "admin@demo.foidesk.test",
        "Demo Administrator",
    ),
    (Role::Officer, "officer@demo.foidesk.test", "Demo Officer"),
    (
        Role::Caseworker,
        "caseworker@demo.foidesk.test",
        "Demo Caseworker",
    ),
    (Role::Requester, REQUESTER_EMAIL, "Demo Requester"),
    (
        Role::Coordinator,
        "coordinator@demo.foidesk.test",
        "Demo Coordinator, National Police FOI Unit",
    ),
];

/// Whether the demo may load into this store; marks an empty store as a
/// demo store first, so a load cut short can be finished. A refused store
/// is closed, so nothing is left beside an SQLite file.
async fn claim(system: &System) -> anyhow::Result<()> {
    if system.meta(DEMO_MARK).await?.is_some() {
        return Ok(());
    }
    let holdings = system.holdings().await?;
    if holdings.is_empty() {
        system
            .set_meta(DEMO_MARK, "loaded by foidesk serve --demo")
            .await?;
        return Ok(());
    }
    system.close().await;
    Err(BadInput(format!(
        "--demo: this store is not a demo store: it holds {holdings}. The demo adds accounts \
         whose password is published, so it loads only into an empty store or one it made. \
         Run `foidesk serve --demo` without --database-url (it keeps to DATA_DIR/demo), or give \
         it an empty database; a demo folder made by an older foidesk can be removed and made again."
    ))
    .into())
}

pub async fn load(system: &System) -> anyhow::Result<()> {
    claim(system).await?;
    let entries = crate::register::read_register(REGISTER)
        .map_err(|e| anyhow::anyhow!("examples/register.toml: {e}"))?;
    crate::register::load_register(system, &entries).await?;
    let register = system.register().await?;
    let mut officer_authority = None;
    let mut opened = 0;
    for (name, text) in EXAMPLES {
        let mut file: CaseFile =
            toml::from_str(text).with_context(|| format!("example {name} does not parse"))?;
        if name.starts_with("synthetic-") && file.request.requester.is_none() {
            file.request.requester = Some(REQUESTER_EMAIL.to_owned());
        }
        let entry = register.resolve(&file.request.authority).with_context(|| {
            format!(
                "example {name} names '{}', which examples/register.toml does not",
                file.request.authority
            )
        })?;
        let authority = entry.authority.slug.clone();
        give_profile(system, &authority, &entry.authority.name).await?;
        if *name == OFFICER_EXAMPLE {
            officer_authority = Some(authority.clone());
        }
        match system
            .open_case(&authority, name, file, "demo loader")
            .await
        {
            Ok(_) => opened += 1,
            Err(EngineError::Duplicate { .. }) => {}
            Err(e) => return Err(e).with_context(|| format!("opening example {name}")),
        }
    }
    if let Some(slug) = &officer_authority {
        opened += open_live_requests(system, slug).await?;
        opened += crate::demo_history::load(system, slug).await?;
    }
    for (role, email, person) in ACCOUNTS {
        // An officer's authority; the kind a coordinator coordinates.
        let authority = match role {
            Role::Officer => officer_authority.as_deref(),
            Role::Coordinator => Some(COORDINATED_KIND),
            _ => None,
        };
        match system
            .add_user(email, person, role, authority, DEMO_PASSWORD)
            .await
        {
            Ok(_) | Err(EngineError::Duplicate { .. }) => {}
            Err(e) => return Err(e).with_context(|| format!("adding demo account {email}")),
        }
    }
    crate::demo_library::load(system).await?;
    // After the accounts: the requester sends part of it from their desk.
    opened += crate::demo_round_robin::load(system, &register, REQUESTER_EMAIL).await?;
    println!(
        "foidesk: demo: {opened} cases opened ({} examples, {} live requests, {} answered in the last year and {} in the round robin in all)",
        EXAMPLES.len(),
        LIVE.len(),
        crate::demo_history::count(),
        crate::demo_round_robin::cases()
    );
    Ok(())
}

/// A letter profile for a demo authority, so its letters have a letterhead,
/// an address block and a signatory; kept if it has one already. The
/// address and email are made up and say so.
pub(crate) async fn give_profile(system: &System, slug: &str, name: &str) -> anyhow::Result<()> {
    let Some(authority) = system.authority(slug).await? else {
        return Ok(());
    };
    if system.authority_profile(authority.id).await?.is_some() {
        return Ok(());
    }
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_uppercase)
        .take(10)
        .collect();
    let profile = AuthorityProfile {
        address_lines: vec![
            "Information Rights Unit".into(),
            "1 Demo Street (not a real address)".into(),
            "Demoton".into(),
            "DE1 0AA".into(),
        ],
        email: format!("foi@{slug}.demo.foidesk.test"),
        foi_contact: "Information Rights Unit".into(),
        review_procedure: "If you are not satisfied with how we dealt with your request, you may \
            ask for an internal review. Write to us within 40 working days of the date of our \
            response, quoting our reference."
            .into(),
        signatories: vec![Signatory {
            name: "Demo Officer".into(),
            role: "Information Rights Manager".into(),
        }],
        reference_prefix: format!(
            "{}-FOI",
            if initials.is_empty() {
                "DEMO"
            } else {
                &initials
            }
        ),
        // How a force names itself on its letters, without the office that
        // is the legal authority ("Commissioner of the …").
        letterhead: ["Commissioner of the ", "Chief Constable of "]
            .iter()
            .find_map(|office| name.strip_prefix(office))
            .unwrap_or(name)
            .to_owned(),
    };
    system
        .set_authority_profile(authority.id, profile)
        .await
        .with_context(|| format!("setting the letter profile of {slug}"))?;
    Ok(())
}

/// Requests still running as at today, so the officer's queues have work in
/// them: (reference, working days since receipt, what was asked). Written
/// for the demo; FOIA s.10(1) gives 20 working days.
const LIVE: [(&str, u32, [&str; 2]); 5] = [
    (
        "DEMO-1",
        18,
        [
            "How long footage from body-worn cameras is kept before deletion.",
            "How many requests to keep footage for longer were made last year.",
        ],
    ),
    (
        "DEMO-2",
        20,
        [
            "The number of drones the force operates.",
            "Any policy on flying drones over public gatherings.",
        ],
    ),
    (
        "DEMO-3",
        24,
        [
            "The locations of fixed number-plate recognition cameras in the borough.",
            "How long number-plate reads are kept.",
        ],
    ),
    (
        "DEMO-4",
        25,
        [
            "The amount paid in overtime to officers in each of the last three years.",
            "The ten roles with the most overtime last year.",
        ],
    ),
    // The requester's to withdraw in the browser test (75-requester-thread).
    (
        "DEMO-5",
        5,
        [
            "The number of police dogs the force keeps.",
            "What the force spends on their food and care each year.",
        ],
    ),
];

/// The date `n` working days before today.
pub(crate) fn working_days_ago(engine: &Engine, n: u32) -> anyhow::Result<Date> {
    let today = engine.today();
    let mut day = today;
    while engine.calendar().working_days_between(day, today)? < n {
        day = day.checked_add_days(-1)?;
    }
    Ok(day)
}

async fn open_live_requests(system: &System, authority: &str) -> anyhow::Result<usize> {
    let mut opened = 0;
    for (reference, days, parts) in LIVE {
        let received = working_days_ago(system.engine(), days)?;
        let text = format!(
            "[request]\nauthority = \"Commissioner of the Metropolitan Police Service\"\nregime = \"FOIA\"\n\
             received = \"{received}\"\nrequester = \"{REQUESTER_EMAIL}\"\n\
             channel = \"email\"\nrequester_name = \"Demo Requester\"\n\
             contact = [\"{REQUESTER_EMAIL}\"]\nrequester_type = \"member_of_the_public\"\n\
             [[request.parts]]\nid = \"1\"\ntext = \"{}\"\n[[request.parts]]\nid = \"2\"\ntext = \"{}\"\n",
            parts[0], parts[1]
        );
        let file: CaseFile = toml::from_str(&text).context("a live demo request")?;
        match system
            .open_case(authority, reference, file, "demo loader")
            .await
        {
            Ok(_) => opened += 1,
            Err(EngineError::Duplicate { .. }) => {}
            Err(e) => return Err(e).with_context(|| format!("opening {reference}")),
        }
    }
    Ok(opened)
}

pub fn print_sign_in(addr: SocketAddr) {
    println!("foidesk: demo accounts, each with the password {DEMO_PASSWORD}:");
    for (role, email, _) in ACCOUNTS {
        println!("  {:<14} {email}", role.as_str());
    }
    println!("Sign in and list your cases, for example:");
    println!(
        "  curl -c jar -H 'Content-Type: application/json' -d '{{\"email\":\"officer@demo.foidesk.test\",\"password\":\"{DEMO_PASSWORD}\"}}' http://{addr}/api/v1/session"
    );
    println!("  curl -b jar http://{addr}/api/v1/cases");
}
