//! HTML building blocks: escaping (every value that came from a browser
//! or a guide goes through [`esc`]), the page frame and the security
//! headers (a CSP without inline scripts or styles).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::i18n::Lang;

/// The Content-Security-Policy of every dashboard page: nothing inline,
/// styles from this server only, no scripts at all.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// `s` escaped for HTML text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` percent-encoded for a URL query value.
pub fn url(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A whole page: `title` (escaped here) and `body` (already HTML).
/// `filters` is the page's filter as a query string without `lang`
/// (already URL-encoded, empty for none): the language links keep it, so
/// switching language shows the same report.
pub fn page(lang: Lang, title: &str, header_extra: &str, filters: &str, body: &str) -> String {
    let t = lang.t();
    let keep = if filters.is_empty() {
        String::new()
    } else {
        esc(&format!("&{filters}"))
    };
    format!(
        "<!doctype html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – {app}</title>\
         <link rel=\"stylesheet\" href=\"/dashboard/static/dashboard.css\"></head>\
         <body><header class=\"top\"><a class=\"brand\" href=\"/dashboard?lang={code}\">{app}</a>\
         <nav class=\"langs\"><a href=\"?lang=en{keep}\" hreflang=\"en\">EN</a> \
         <a href=\"?lang=de{keep}\" hreflang=\"de\">DE</a></nav>{header_extra}</header>\
         <main>{body}</main></body></html>\n",
        code = lang.code(),
        title = esc(title),
        app = esc(t.title),
    )
}

/// The sign-out button for the page header.
pub fn sign_out(lang: Lang) -> String {
    format!(
        "<form class=\"signout\" method=\"post\" action=\"/dashboard/logout\">\
         <input type=\"hidden\" name=\"lang\" value=\"{}\">\
         <button type=\"submit\">{}</button></form>",
        lang.code(),
        esc(lang.t().sign_out)
    )
}

/// An HTML response with the dashboard's security headers.
pub fn respond(status: StatusCode, html: String) -> Response {
    let mut response = (status, html).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    secure(h);
    response
}

/// Adds the security headers.
pub fn secure(h: &mut axum::http::HeaderMap) {
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            esc("<img src=x onerror=\"alert('x')\">&"),
            "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;"
        );
        assert_eq!(url("a b/&ü"), "a%20b%2F%26%C3%BC");
    }
}
