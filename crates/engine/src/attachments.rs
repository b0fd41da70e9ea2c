//! Files attached to a case: released documents, letters received and sent.
//! Each is checked (a type on the list by its extension AND its first
//! bytes, not empty, at most `MAX_ATTACHMENT_BYTES`) before anything is
//! written, kept in the store with its SHA-256, and read back only by those
//! who may see the case (anyone else gets `NotFound`, as for cases).

use foidesk_case::file::EventFile;
use foidesk_law::vocabulary;
use foidesk_store::{AttachmentMeta, NewStoredAttachment, Store};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::access::Access;
use crate::cases::CaseView;
use crate::text::plain;
use crate::{Engine, EngineError, Role, User};

/// The most one file may hold: 30 MiB.
pub const MAX_ATTACHMENT_BYTES: usize = 30 * 1024 * 1024;

/// The longest file name kept, in characters.
pub const MAX_ATTACHMENT_NAME_CHARS: usize = 200;

vocabulary! {
    /// The kinds of file foidesk keeps on a case.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    pub enum FileType {
        Pdf = "pdf", "PDF document";
        Docx = "docx", "Word document";
        Xlsx = "xlsx", "Excel spreadsheet";
        Png = "png", "PNG image";
        Jpeg = "jpeg", "JPEG image";
        Gif = "gif", "GIF image";
        Eml = "eml", "Email";
        Msg = "msg", "Outlook email";
    }
}

impl FileType {
    /// The type a file name's extension says, if it is one foidesk keeps.
    pub fn from_file_name(name: &str) -> Option<FileType> {
        let (_, ext) = name.rsplit_once('.')?;
        match ext.to_ascii_lowercase().as_str() {
            "jpg" => Some(FileType::Jpeg),
            ext => FileType::from_name(ext),
        }
    }

    /// The media type it is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
            FileType::Gif => "image/gif",
            FileType::Eml => "message/rfc822",
            FileType::Msg => "application/vnd.ms-outlook",
        }
    }

    pub fn from_content_type(content_type: &str) -> Option<FileType> {
        FileType::ALL
            .into_iter()
            .find(|t| t.content_type() == content_type)
    }

    /// Whether `bytes` begin as a file of this type does.
    pub fn matches(self, bytes: &[u8]) -> bool {
        const ZIP: &[u8] = b"PK\x03\x04";
        const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
        match self {
            FileType::Pdf => bytes.starts_with(b"%PDF-"),
            // An Office file is a ZIP holding the part its kind names.
            FileType::Docx => bytes.starts_with(ZIP) && contains(bytes, b"word/"),
            FileType::Xlsx => bytes.starts_with(ZIP) && contains(bytes, b"xl/"),
            FileType::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            FileType::Jpeg => bytes.starts_with(b"\xFF\xD8\xFF"),
            FileType::Gif => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
            FileType::Msg => bytes.starts_with(OLE),
            FileType::Eml => looks_like_email(bytes),
        }
    }
}

/// The kinds kept, with their extensions, for messages.
const ACCEPTED: &str = "PDF (.pdf), Word (.docx), Excel (.xlsx), images (.png, .jpg, .jpeg, \
                        .gif) and emails (.eml, .msg)";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// An email file (RFC 5322) starts with a header line, `Name: value`, and
/// is text: no NUL in its first 4 KiB.
fn looks_like_email(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    if head.contains(&0) {
        return false;
    }
    let first = head.split(|b| *b == b'\n').next().unwrap_or(&[]);
    match first.iter().position(|b| *b == b':') {
        Some(colon) if colon > 0 => first[..colon]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-'),
        _ => false,
    }
}

/// A file to attach, as it was uploaded or made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAttachment {
    /// The file's name as its owner named it; a path is cut to its last part.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A file kept on a case, without its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// The attachment's number (unique across the store).
    pub id: i64,
    pub case_id: i64,
    /// The case version of the event it belongs to (1 for the first event).
    pub event_version: Option<i64>,
    pub name: String,
    pub file_type: FileType,
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
    pub uploaded_by: String,
    /// RFC 3339, UTC.
    pub uploaded_at: String,
}

impl Attachment {
    /// The media type it is served with.
    pub fn content_type(&self) -> &'static str {
        self.file_type.content_type()
    }

    /// When it was attached, in UK time to the minute: "16:05 on 3 March 2026".
    pub fn uploaded_in_words(&self) -> String {
        crate::time_in_words(&self.uploaded_at).unwrap_or_else(|| "an unknown time".to_owned())
    }
}

/// A kept file with its bytes, for download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentFile {
    pub attachment: Attachment,
    pub bytes: Vec<u8>,
}

/// "1.5 MB", "820 KB", "12 bytes": a size in words people read.
pub fn size_in_words(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let text = format!("{:.1}", bytes as f64 / MB as f64);
        format!("{} MB", text.strip_suffix(".0").unwrap_or(&text))
    } else if bytes >= KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else if bytes == 1 {
        "1 byte".to_owned()
    } else {
        format!("{bytes} bytes")
    }
}

fn refused(message: String) -> EngineError {
    EngineError::Invalid {
        field: "file".into(),
        message,
    }
}

/// A file checked and hashed for the store, or an error naming it.
pub(crate) fn check_file(file: NewAttachment) -> Result<NewStoredAttachment, EngineError> {
    checked_file(file).map(|(stored, _)| stored)
}

/// `check_file`, with the type the file was found to be.
fn checked_file(file: NewAttachment) -> Result<(NewStoredAttachment, FileType), EngineError> {
    let name = file
        .name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .trim()
        .to_owned();
    if name.is_empty() {
        return Err(refused("Choose a file to attach".into()));
    }
    plain("file", &name)?;
    if name.chars().count() > MAX_ATTACHMENT_NAME_CHARS {
        return Err(refused(format!(
            "The file name \u{201c}{name}\u{201d} is too long: rename it to \
             {MAX_ATTACHMENT_NAME_CHARS} characters or fewer"
        )));
    }
    if file.bytes.is_empty() {
        return Err(refused(format!("\u{201c}{name}\u{201d} is empty")));
    }
    if file.bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(refused(format!(
            "\u{201c}{name}\u{201d} is {}: a file must be {} or smaller",
            size_in_words(file.bytes.len() as u64),
            size_in_words(MAX_ATTACHMENT_BYTES as u64)
        )));
    }
    let Some(file_type) = FileType::from_file_name(&name) else {
        return Err(refused(format!(
            "\u{201c}{name}\u{201d} is not a type of file foidesk keeps: attach {ACCEPTED}"
        )));
    };
    if !file_type.matches(&file.bytes) {
        return Err(refused(format!(
            "\u{201c}{name}\u{201d} is named as a {} but its contents are not one: \
             check it is the right file",
            file_type.label()
        )));
    }
    let stored = NewStoredAttachment {
        name,
        content_type: file_type.content_type().to_owned(),
        sha256: sha256_hex(&file.bytes),
        content: file.bytes,
    };
    Ok((stored, file_type))
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn attachment(m: AttachmentMeta) -> Result<Attachment, EngineError> {
    let file_type =
        FileType::from_content_type(&m.content_type).ok_or_else(|| EngineError::CorruptRecord {
            id: m.id,
            message: format!("attachment of unknown type {}", m.content_type),
        })?;
    Ok(Attachment {
        id: m.id,
        case_id: m.case_id,
        event_version: m.event_version,
        name: m.name,
        file_type,
        size: u64::try_from(m.size).unwrap_or(0),
        sha256: m.sha256,
        uploaded_by: m.uploaded_by,
        uploaded_at: m.uploaded_at,
    })
}

/// A file as its requester sees it: who on the authority's staff filed it
/// is theirs to know.
fn for_requester(user: &User, mut f: Attachment) -> Attachment {
    if f.uploaded_by != user.email {
        f.uploaded_by = "the authority".to_owned();
    }
    f
}

fn case_not_found(case_id: i64) -> EngineError {
    EngineError::NotFound {
        what: "case",
        key: case_id.to_string(),
    }
}

impl Engine {
    /// Keep a file on a case, optionally linked to the event at `event_version`.
    pub(crate) async fn add_attachment(
        &self,
        store: &Store,
        case_id: i64,
        file: NewAttachment,
        event_version: Option<i64>,
        by: &str,
    ) -> Result<Attachment, EngineError> {
        let summary = store
            .case_summary(case_id)
            .await?
            .ok_or_else(|| case_not_found(case_id))?;
        if let Some(v) = event_version {
            if v < 1 || v > summary.version {
                return Err(EngineError::Invalid {
                    field: "event".into(),
                    message: format!("the case has no event {v}"),
                });
            }
        }
        let (stored, file_type) = checked_file(file)?;
        let at = self.timestamp();
        let id = store
            .add_attachment(case_id, event_version, &stored, by, &at)
            .await?;
        Ok(Attachment {
            id,
            case_id,
            event_version,
            file_type,
            size: stored.content.len() as u64,
            name: stored.name,
            sha256: stored.sha256,
            uploaded_by: by.to_owned(),
            uploaded_at: at,
        })
    }

    /// The files kept on a case, oldest first.
    pub(crate) async fn attachments(
        &self,
        store: &Store,
        case_id: i64,
    ) -> Result<Vec<Attachment>, EngineError> {
        store
            .attachments(case_id)
            .await?
            .into_iter()
            .map(attachment)
            .collect()
    }

    pub(crate) async fn attachment_file(
        &self,
        store: &Store,
        case_id: i64,
        id: i64,
    ) -> Result<Option<AttachmentFile>, EngineError> {
        match store.attachment(case_id, id).await? {
            None => Ok(None),
            Some((meta, bytes)) => Ok(Some(AttachmentFile {
                attachment: attachment(meta)?,
                bytes,
            })),
        }
    }

    /// The user's access to a case; `NotFound` if they may not see it.
    async fn visible_case(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
    ) -> Result<Access, EngineError> {
        match store.case_summary(case_id).await? {
            Some(s) if user.access_to(&s) != Access::Hidden => Ok(user.access_to(&s)),
            _ => Err(case_not_found(case_id)),
        }
    }

    pub(crate) async fn add_attachment_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        file: NewAttachment,
        event_version: Option<i64>,
    ) -> Result<Attachment, EngineError> {
        if self.visible_case(store, user, case_id).await? != Access::Write {
            return Err(EngineError::Forbidden {
                message: format!(
                    "{} may read this case but not attach files to it",
                    user.role.with_article()
                ),
            });
        }
        self.add_attachment(store, case_id, file, event_version, &user.email)
            .await
    }

    pub(crate) async fn attachments_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
    ) -> Result<Vec<Attachment>, EngineError> {
        self.visible_case(store, user, case_id).await?;
        let files = self.attachments(store, case_id).await?;
        if user.role != Role::Requester {
            return Ok(files);
        }
        let seen = self.requester_sees_files(store, case_id).await?;
        Ok(files
            .into_iter()
            .filter(|f| seen(f))
            .map(|f| for_requester(user, f))
            .collect())
    }

    /// Which files a requester sees: those filed with an event they see
    /// (a letter sent with it). Anything else on the case is internal.
    async fn requester_sees_files(
        &self,
        store: &Store,
        case_id: i64,
    ) -> Result<impl Fn(&Attachment) -> bool, EngineError> {
        let view = self
            .case_view(store, case_id)
            .await?
            .ok_or_else(|| case_not_found(case_id))?;
        // The effective timeline: struck-out events and corrections are gone.
        let seen: Vec<i64> = view
            .case
            .events
            .iter()
            .filter(|e| e.kind.event_type().requester_sees())
            .filter_map(|e| i64::try_from(e.number).ok())
            .collect();
        Ok(move |f: &Attachment| f.event_version.is_some_and(|v| seen.contains(&v)))
    }

    pub(crate) async fn attachment_file_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        id: i64,
    ) -> Result<Option<AttachmentFile>, EngineError> {
        match self.visible_case(store, user, case_id).await {
            Ok(_) if user.role == Role::Requester => {
                let seen = self.requester_sees_files(store, case_id).await?;
                Ok(self
                    .attachment_file(store, case_id, id)
                    .await?
                    .filter(|f| seen(&f.attachment))
                    .map(|f| AttachmentFile {
                        attachment: for_requester(user, f.attachment),
                        bytes: f.bytes,
                    }))
            }
            Ok(_) => self.attachment_file(store, case_id, id).await,
            Err(EngineError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Append an event with its files in one transaction (see
    /// `append_event`): every file is checked before anything is written.
    pub(crate) async fn append_event_with_attachments(
        &self,
        store: &Store,
        case_id: i64,
        expected: i64,
        event: EventFile,
        files: Vec<NewAttachment>,
        by: &str,
    ) -> Result<CaseView, EngineError> {
        let stored = files
            .into_iter()
            .map(check_file)
            .collect::<Result<Vec<_>, _>>()?;
        self.append_event_with(store, case_id, expected, event, by, &stored, None)
            .await
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn append_event_with_attachments_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        expected: i64,
        event: EventFile,
        files: Vec<NewAttachment>,
        reason: Option<&str>,
    ) -> Result<CaseView, EngineError> {
        self.check_may_append(store, user, case_id, &event).await?;
        let stored = files
            .into_iter()
            .map(check_file)
            .collect::<Result<Vec<_>, _>>()?;
        let check = crate::cases::Consistency {
            viewer: user,
            reason,
        };
        let mut view = self
            .append_event_with(
                store,
                case_id,
                expected,
                event,
                &user.email,
                &stored,
                Some(check),
            )
            .await?;
        crate::access::redact_for(user, &mut view);
        Ok(view)
    }
}

#[cfg(test)]
mod tests {
    use super::{check_file, FileType, NewAttachment, MAX_ATTACHMENT_BYTES};

    #[test]
    fn sizes_read_in_words() {
        for (bytes, words) in [
            (0, "0 bytes"),
            (1, "1 byte"),
            (1023, "1023 bytes"),
            (1025, "2 KB"),
            (1024 * 1024, "1 MB"),
            (25_000_000, "23.8 MB"),
            (super::MAX_ATTACHMENT_BYTES as u64, "30 MB"),
        ] {
            assert_eq!(super::size_in_words(bytes), words);
        }
    }

    /// Each (name, first bytes) is kept as the type, or refused.
    fn check(name: &str, bytes: &[u8], kept: Option<FileType>) {
        let got = check_file(NewAttachment {
            name: name.into(),
            bytes: bytes.to_vec(),
        });
        match (got, kept) {
            (Ok(s), Some(t)) => assert_eq!(s.content_type, t.content_type(), "{name}"),
            (Err(e), None) => assert!(
                e.to_string()
                    .contains(name.rsplit('\\').next().unwrap_or(name)),
                "{name}: {e}"
            ),
            (got, _) => panic!("{name}: {got:?}"),
        }
    }

    #[test]
    fn types_are_checked_by_extension_and_first_bytes() {
        let cases: &[(&str, &[u8], Option<FileType>)] = &[
            ("a.pdf", b"%PDF-1.7\n", Some(FileType::Pdf)),
            ("A.PDF", b"%PDF-1.4\n", Some(FileType::Pdf)),
            ("a.pdf", b"PK\x03\x04word/", None),
            (
                "a.docx",
                b"PK\x03\x04....word/document.xml",
                Some(FileType::Docx),
            ),
            ("a.docx", b"PK\x03\x04....xl/workbook.xml", None),
            (
                "a.xlsx",
                b"PK\x03\x04....xl/workbook.xml",
                Some(FileType::Xlsx),
            ),
            ("a.png", b"\x89PNG\r\n\x1a\n....", Some(FileType::Png)),
            ("a.jpg", b"\xFF\xD8\xFF\xE0", Some(FileType::Jpeg)),
            ("a.jpeg", b"\xFF\xD8\xFF\xE1", Some(FileType::Jpeg)),
            ("a.gif", b"GIF89a..", Some(FileType::Gif)),
            ("a.gif", b"GIF90a..", None),
            (
                "a.msg",
                b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
                Some(FileType::Msg),
            ),
            (
                "a.eml",
                b"From: a@b.example\r\nSubject: x\r\n\r\nhi",
                Some(FileType::Eml),
            ),
            ("a.eml", b"\x00\x01binary", None),
            ("run.exe", b"MZ\x90\x00", None),
            ("noextension", b"%PDF-1.7", None),
            ("C:\\fakepath\\scan.pdf", b"%PDF-1.7", Some(FileType::Pdf)),
            ("empty.pdf", b"", None),
        ];
        for (name, bytes, kept) in cases {
            check(name, bytes, *kept);
        }
    }

    #[test]
    fn a_file_over_the_limit_is_refused_by_name() {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.resize(MAX_ATTACHMENT_BYTES, b' ');
        check("at-limit.pdf", &bytes, Some(FileType::Pdf));
        bytes.push(b' ');
        check("over-limit.pdf", &bytes, None);
    }
}
