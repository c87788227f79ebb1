-- uplink_record (alarm_id) was made for a reader that never came: alarms, their history and
-- incidents are read from the alarm tables. Every PRIORITY record paid for it (a B-tree entry
-- of up to 128 characters) in the hottest insert of the alarm intake.
DROP INDEX ix_uplink_record_alarm;
