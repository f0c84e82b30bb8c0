//! One error type for request handling. Each maps to a status; internal
//! details go to the log only, and the visitor sees the site's error page.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::db::DbError;
use crate::render::RenderError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Database(#[from] DbError),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Render(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Database(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// Carried in the response's extensions so that the error-page middleware
/// can log it and show the site's page.
#[derive(Debug, Clone)]
pub struct ErrorReport(pub String);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        if !matches!(self, AppError::NotFound) {
            response
                .extensions_mut()
                .insert(ErrorReport(self.to_string()));
        }
        response
    }
}
