//! TLS to PostgreSQL, as managed databases require. With `sslmode=require` in the address (or the
//! default, `prefer`, against a server that offers TLS) the connection is encrypted and the
//! server's certificate is checked against this machine's trusted roots, or against the PEM file
//! that `sslrootcert` names, as libpq takes it. A Unix socket is never encrypted.

use std::path::Path;
use std::sync::Arc;

use postgres::tls::MakeTlsConnect;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::store::{Result, StoreError};

/// The address without `sslrootcert`, which the client library does not know, and the file it
/// names.
pub fn split_root_cert(url: &str) -> (String, Option<String>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_owned(), None);
    };
    let mut root_cert = None;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| match pair.strip_prefix("sslrootcert=") {
            Some(path) => {
                root_cert = Some(path.to_owned());
                false
            }
            None => true,
        })
        .collect();
    let url = if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    (url, root_cert)
}

/// rustls, for connections by host name. The client library asks for a connector for a Unix
/// socket too, with no name, which rustls refuses; PostgreSQL never offers TLS on a socket, so
/// that connector is never used and any valid name will do.
#[derive(Clone)]
pub struct Tls(MakeRustlsConnect);

impl<S> MakeTlsConnect<S> for Tls
where
    MakeRustlsConnect: MakeTlsConnect<S>,
{
    type Stream = <MakeRustlsConnect as MakeTlsConnect<S>>::Stream;
    type TlsConnect = <MakeRustlsConnect as MakeTlsConnect<S>>::TlsConnect;
    type Error = <MakeRustlsConnect as MakeTlsConnect<S>>::Error;

    fn make_tls_connect(
        &mut self,
        hostname: &str,
    ) -> std::result::Result<Self::TlsConnect, Self::Error> {
        let hostname = if hostname.is_empty() {
            "localhost"
        } else {
            hostname
        };
        self.0.make_tls_connect(hostname)
    }
}

pub fn connector(root_cert: Option<&str>) -> Result<Tls> {
    let mut roots = RootCertStore::empty();
    match root_cert {
        Some(path) => {
            let certificates = CertificateDer::pem_file_iter(Path::new(path))
                .and_then(|certificates| certificates.collect::<std::result::Result<Vec<_>, _>>())
                .map_err(|error| unreadable(path, error))?;
            for certificate in certificates {
                roots
                    .add(certificate)
                    .map_err(|error| unreadable(path, error))?;
            }
        }
        // Roots that cannot be read are skipped: a server with a certificate from one of them
        // then fails to connect, with a message that says the certificate was not trusted.
        None => {
            let found = rustls_native_certs::load_native_certs();
            roots.add_parsable_certificates(found.certs);
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| StoreError::Connect(error.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Tls(MakeRustlsConnect::new(config)))
}

fn unreadable(path: &str, error: impl std::fmt::Display) -> StoreError {
    StoreError::Connect(format!(
        "the sslrootcert file {path} could not be read: {error}"
    ))
}

#[cfg(test)]
mod tests {
    use super::split_root_cert;

    #[test]
    fn sslrootcert_is_taken_out_of_the_address() {
        assert_eq!(
            split_root_cert("postgres://u@h/db?sslmode=require&sslrootcert=/etc/ca.pem"),
            (
                "postgres://u@h/db?sslmode=require".to_owned(),
                Some("/etc/ca.pem".to_owned())
            )
        );
        assert_eq!(
            split_root_cert("postgres://u@h/db?sslrootcert=/ca.pem"),
            ("postgres://u@h/db".to_owned(), Some("/ca.pem".to_owned()))
        );
        assert_eq!(
            split_root_cert("postgres://u@h/db"),
            ("postgres://u@h/db".to_owned(), None)
        );
    }
}
