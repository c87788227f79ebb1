-- CORRELATE: an alarm joined to an open incident by a correlation rule (alarm-rules.yml),
-- possibly raising its category and priority. The action names repeat IncidentAction.java.
ALTER TABLE incident_event DROP CONSTRAINT ck_incident_event_action;
ALTER TABLE incident_event ADD CONSTRAINT ck_incident_event_action CHECK (action IN ('REPORT',
  'VERIFY', 'REGISTER', 'VOID', 'DISPATCH', 'ACCEPT', 'START', 'RESOLVE', 'CHECK', 'CLOSE',
  'REWORK', 'RETURN', 'SUSPEND', 'RESUME', 'ESCALATE', 'EXTEND', 'MERGE', 'MERGED', 'CORRELATE'));
