//! HTTP handlers and middleware: extract, call the domain, choose a view.

pub mod limit;
pub mod middleware;
pub mod pages;
pub mod pdf;
pub mod staff;
pub mod survey;
