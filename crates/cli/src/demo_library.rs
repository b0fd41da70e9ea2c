//! The demo's decision notices (`examples/notices/`, each made up for the
//! demo and saying so) put into the library's store. The index this uses is
//! thrown away: every server's own index is a cache of the store, rebuilt
//! when it sees the new notices.

use anyhow::Context as _;
use foidesk_engine::api::{NoticeIndex, Opened};
use foidesk_engine::{SourceFile, System};

/// (file name, text) of each demo notice.
const NOTICES: [(&str, &str); 8] = [
    (
        "2017-05-15_ridgeshire-county-council.txt",
        include_str!("../../../examples/notices/2017-05-15_ridgeshire-county-council.txt"),
    ),
    (
        "2019-04-08_ridgeshire-constabulary.txt",
        include_str!("../../../examples/notices/2019-04-08_ridgeshire-constabulary.txt"),
    ),
    (
        "2020-07-30_northmoor-hospitals.txt",
        include_str!("../../../examples/notices/2020-07-30_northmoor-hospitals.txt"),
    ),
    (
        "2021-11-02_eastfen-police.txt",
        include_str!("../../../examples/notices/2021-11-02_eastfen-police.txt"),
    ),
    (
        "2022-02-21_southdown-borough-council.txt",
        include_str!("../../../examples/notices/2022-02-21_southdown-borough-council.txt"),
    ),
    (
        "2023-06-14_westvale-constabulary.txt",
        include_str!("../../../examples/notices/2023-06-14_westvale-constabulary.txt"),
    ),
    (
        "2024-09-19_northmoor-police.txt",
        include_str!("../../../examples/notices/2024-09-19_northmoor-police.txt"),
    ),
    (
        "2025-03-10_northmoor-police.txt",
        include_str!("../../../examples/notices/2025-03-10_northmoor-police.txt"),
    ),
];

/// Add the demo notices to the store; those already there are left as they are.
pub async fn load(system: &System) -> anyhow::Result<()> {
    let index = NoticeIndex::in_memory().context("making the demo's index")?;
    let opened = Opened::Created {
        reason: "the demo's notices are written to the store".into(),
    };
    let (library, _) = system.open_library(index, opened).await?;
    let mut ingest = library.begin_ingest(system.engine())?;
    let files = NOTICES
        .iter()
        .map(|(name, text)| SourceFile {
            name: format!("examples/notices/{name}"),
            bytes: text.as_bytes().to_vec(),
        })
        .collect();
    let outcomes = ingest.add(files).await?;
    ingest.commit()?;
    let added = outcomes
        .iter()
        .filter(|o| o.status == foidesk_engine::IngestStatus::Added)
        .count();
    println!("foidesk: demo: {added} made-up decision notices added to the library");
    Ok(())
}
