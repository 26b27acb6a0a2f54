-- Foundation: organisation, identity, settings, flow engine, audit chain.
-- Reference tables (region, app_user, user_role, user_session, login_challenge) are replicated in a
-- sharded deployment; every business table carries region_code in its primary key.

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TABLE region (
  region_code text PRIMARY KEY CHECK (region_code ~ '^[0-9]{9}([0-9]{3})?$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  level text NOT NULL CHECK (level IN ('district', 'township', 'village')),
  kind text NOT NULL,
  parent_code text REFERENCES region (region_code),
  population integer CHECK (population >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX region_parent ON region (parent_code);

CREATE TABLE setting (
  region_code text NOT NULL,
  key text NOT NULL,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (region_code, key)
);

CREATE TABLE app_user (
  id uuid PRIMARY KEY,
  region_code text NOT NULL REFERENCES region (region_code),
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
  password_hash text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  must_change_password boolean NOT NULL DEFAULT false,
  failed_login_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  totp_secret_sealed text,
  totp_pending_sealed text,
  totp_enabled boolean NOT NULL DEFAULT false,
  totp_last_step bigint,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_region ON app_user (region_code);

CREATE TABLE user_role (
  user_id uuid NOT NULL REFERENCES app_user (id),
  role text NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE user_session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE login_challenge (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL
);

CREATE TABLE budget_unit (
  region_code text NOT NULL REFERENCES region (region_code),
  id uuid NOT NULL,
  credit_code text NOT NULL CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  kind text NOT NULL CHECK (kind IN ('administrative', 'publicInstitution', 'other')),
  status text NOT NULL CHECK (status IN ('pending', 'active', 'rejected', 'returned')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, credit_code)
);

CREATE TABLE flow_instance (
  region_code text NOT NULL,
  id uuid NOT NULL,
  flow_code text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  title text NOT NULL,
  state text NOT NULL,
  owner_id uuid NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  step_entered_at timestamptz NOT NULL,
  deadline_at timestamptz,
  closed_at timestamptz,
  PRIMARY KEY (region_code, id)
);
CREATE INDEX flow_instance_open ON flow_instance (region_code, flow_code, state) WHERE closed_at IS NULL;
CREATE INDEX flow_instance_entity ON flow_instance (region_code, entity_type, entity_id);
CREATE INDEX flow_instance_owner ON flow_instance (owner_id) WHERE closed_at IS NULL;

CREATE TABLE flow_event (
  region_code text NOT NULL,
  instance_id uuid NOT NULL,
  seq integer NOT NULL,
  at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('start', 'transition', 'handover')),
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  actor_id uuid NOT NULL,
  actor_name text NOT NULL,
  note text,
  from_owner_id uuid,
  to_owner_id uuid,
  PRIMARY KEY (region_code, instance_id, seq),
  FOREIGN KEY (region_code, instance_id) REFERENCES flow_instance (region_code, id)
);
CREATE TRIGGER flow_event_append_only BEFORE UPDATE OR DELETE ON flow_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The audit chain: one chain per region, so a sharded deployment keeps each chain on one node.
CREATE TABLE audit_head (
  region_code text PRIMARY KEY,
  seq bigint NOT NULL,
  hash text NOT NULL
);

CREATE TABLE audit_log (
  region_code text NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  before jsonb,
  after jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (region_code, seq)
);
CREATE INDEX audit_log_entity ON audit_log (region_code, entity_type, entity_id);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
