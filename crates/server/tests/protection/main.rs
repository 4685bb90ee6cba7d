//! Data protection against a real server: an admin exports a person's records and erases them,
//! and the erasure reaches every phone that holds them (`erasure`); `purge` removes personal data
//! past its retention date and clears what long-deleted records and list items held, on every
//! phone (`purge`); accounts are made at the command line with no default password.

#[path = "../support/mod.rs"]
mod support;

mod erasure;
mod phones;
mod purge;

use phones::cli;
use support::PASSWORD;

#[test]
fn the_command_line_makes_accounts_with_no_default_password() {
    let database = support::database();
    let db = &database.address;
    let (ok, output) = cli(db, &["user", "add", "root", "--role", "admin"], None);
    assert!(!ok, "no password, no account: {output}");
    assert!(output.contains("at least 10 characters"), "{output}");
    let (ok, output) = cli(
        db,
        &["user", "add", "root", "--role", "admin"],
        Some(PASSWORD),
    );
    assert!(ok, "{output}");
    let (ok, output) = cli(
        db,
        &[
            "user", "add", "kim", "--role", "outreach", "--team", "Nowhere",
        ],
        Some(PASSWORD),
    );
    assert!(!ok && output.contains("no team called Nowhere"), "{output}");
    assert!(cli(db, &["team", "add", "Reddish"], None).0);
    assert!(
        cli(
            db,
            &["user", "add", "kim", "--role", "outreach", "--team", "Reddish"],
            Some(PASSWORD)
        )
        .0
    );
    let (ok, output) = cli(
        db,
        &["user", "add", "kim", "--role", "outreach"],
        Some(PASSWORD),
    );
    assert!(!ok && output.contains("already exists"), "{output}");
    let (_, list) = cli(db, &["user", "list"], None);
    assert_eq!(
        list,
        "kim\toutreach\tReddish\tactive\nroot\tadmin\t\tactive\n"
    );
    assert!(
        cli(
            db,
            &["user", "reset-password", "kim"],
            Some("another long password")
        )
        .0
    );
    assert!(cli(db, &["user", "disable", "kim"], None).0);
    let (_, list) = cli(db, &["user", "list"], None);
    assert!(
        list.starts_with("kim\toutreach\tReddish\tdisabled\n"),
        "{list}"
    );
    let (ok, output) = cli(db, &["user", "add", "x", "--role", "boss"], Some(PASSWORD));
    assert!(!ok && output.contains("is not a role"), "{output}");
}
