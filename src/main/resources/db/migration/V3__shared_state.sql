-- State every replica must share (docs/deploy.md): the drafts behind EHR cards' links, and the CDS Hooks JWT ids
-- already used, so that a token replayed to another replica is refused. Both expire; rows past it are deleted.
create table draft (
    id         varchar(32)    not null primary key,
    expires_at timestamp with time zone not null,
    content    text           not null
);
create index draft_expires_at on draft (expires_at);

create table jti_seen (
    token_key  varchar(600)   not null primary key,
    expires_at timestamp with time zone not null
);
create index jti_seen_expires_at on jti_seen (expires_at);
