//! One error type for request handling. Every handler returns
//! `Result<Response, AppError>`; the error becomes a bare response carrying
//! an [`ErrorReport`], and the `error_pages` middleware logs it once (never
//! anything about the visitor) and shows the site's or the staff area's
//! error page for it.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::db::DbError;
use crate::render::RenderError;

/// What went wrong behind an error, kept for the log only.
pub type Source = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such page (404).
    #[error("not found")]
    NotFound,
    /// Not allowed (403), with the reason shown to the person.
    #[error("refused: {0}")]
    Refused(&'static str),
    /// A state-changing request that the browser says came from another
    /// site (403): a forged form, never carried out.
    #[error("cross-site request refused")]
    CrossSite,
    /// Too many tries from here (429).
    #[error("too many requests")]
    TooMany,
    /// The database, a queue or randomness is not available just now
    /// (503): the person may try again.
    #[error("unavailable: {0}")]
    Unavailable(Source),
    /// A bug, such as a template that failed to render (500).
    #[error("internal error: {0}")]
    Internal(Source),
}

impl AppError {
    /// Unavailable for a reason that has no error value of its own.
    pub fn unavailable(why: &'static str) -> Self {
        AppError::Unavailable(why.into())
    }

    pub fn status(&self) -> StatusCode {
        self.kind().status()
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            AppError::NotFound => ErrorKind::NotFound,
            AppError::Refused(_) => ErrorKind::Refused,
            AppError::CrossSite => ErrorKind::CrossSite,
            AppError::TooMany => ErrorKind::TooMany,
            AppError::Unavailable(_) => ErrorKind::Unavailable,
            AppError::Internal(_) => ErrorKind::Internal,
        }
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        AppError::Unavailable(Box::new(e))
    }
}

impl From<Arc<DbError>> for AppError {
    fn from(e: Arc<DbError>) -> Self {
        AppError::Unavailable(e.to_string().into())
    }
}

impl From<crate::services::messages::MessageError> for AppError {
    fn from(e: crate::services::messages::MessageError) -> Self {
        use crate::services::messages::MessageError;
        match e {
            MessageError::Key(k) => AppError::Internal(Box::new(k)),
            other => AppError::Unavailable(Box::new(other)),
        }
    }
}

impl From<RenderError> for AppError {
    fn from(e: RenderError) -> Self {
        AppError::Internal(Box::new(e))
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(Box::new(e))
    }
}

/// The kinds of error page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    Refused,
    CrossSite,
    TooMany,
    Unavailable,
    Internal,
    /// The request took longer than `request_timeout`.
    Timeout,
}

impl ErrorKind {
    pub fn status(self) -> StatusCode {
        match self {
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::Refused | ErrorKind::CrossSite => StatusCode::FORBIDDEN,
            ErrorKind::TooMany => StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorKind::Timeout => StatusCode::REQUEST_TIMEOUT,
        }
    }
}

/// Carried in a failed handler's response so that the `error_pages`
/// middleware can log it and show the right page.
#[derive(Debug, Clone)]
pub struct ErrorReport {
    pub kind: ErrorKind,
    /// What to write in the log (for unavailable and internal errors).
    pub detail: Option<String>,
    /// The reason shown with a refusal.
    pub reason: &'static str,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let kind = self.kind();
        let (detail, reason) = match &self {
            AppError::Unavailable(e) | AppError::Internal(e) => (Some(e.to_string()), ""),
            AppError::Refused(why) => (None, *why),
            AppError::NotFound | AppError::TooMany | AppError::CrossSite => (None, ""),
        };
        let mut response = kind.status().into_response();
        response.extensions_mut().insert(ErrorReport {
            kind,
            detail,
            reason,
        });
        response
    }
}

/// What every handler returns.
pub type Result<T = Response, E = AppError> = std::result::Result<T, E>;
