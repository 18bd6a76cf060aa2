<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ReportPdf</name>
    <message numerus="yes">
        <source>%n rating(s), average %1 of 5</source>
        <translation>
            <numerusform>%n rating, average %1 of 5</numerusform>
            <numerusform>%n ratings, average %1 of 5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) open</source>
        <translation>
            <numerusform>%n follow-up open</numerusform>
            <numerusform>%n follow-ups open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Courier %1: average %2 of 5 from %n rating(s)</source>
        <translation>
            <numerusform>Courier %1: average %2 of 5 from %n rating</numerusform>
            <numerusform>Courier %1: average %2 of 5 from %n ratings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (the desk&apos;s Status filter lists them all).</source>
        <translation>
            <numerusform>… and %n more (the desk&apos;s Status filter lists them all).</numerusform>
            <numerusform>… and %n more (the desk&apos;s Status filter lists them all).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message numerus="yes">
        <source>%n nearby device(s)</source>
        <translation>
            <numerusform>%n nearby device</numerusform>
            <numerusform>%n nearby devices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not be read</source>
        <translation>
            <numerusform>%n change could not be read</numerusform>
            <numerusform>%n changes could not be read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>retrying in %n s</source>
        <translation>
            <numerusform>retrying in %n s</numerusform>
            <numerusform>retrying in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n change(s)</source>
        <translation>
            <numerusform>Sent %n change</numerusform>
            <numerusform>Sent %n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Received %n change(s) from other devices</source>
        <translation>
            <numerusform>Received %n change from other devices</numerusform>
            <numerusform>Received %n changes from other devices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This profile continues under a new device id (%n change(s) renumbered)</source>
        <translation>
            <numerusform>This profile continues under a new device id (%n change renumbered)</numerusform>
            <numerusform>This profile continues under a new device id (%n changes renumbered)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not be read and were set aside</source>
        <translation>
            <numerusform>%n change could not be read and was set aside</numerusform>
            <numerusform>%n changes could not be read and were set aside</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) need a newer version of Courier Feedback</source>
        <translation>
            <numerusform>%n change needs a newer version of Courier Feedback</numerusform>
            <numerusform>%n changes need a newer version of Courier Feedback</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::AnalyticsPeriod</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::AnalyticsView</name>
    <message numerus="yes">
        <source>Courier %1 (%n)</source>
        <translation>
            <numerusform>Courier %1 (%n)</numerusform>
            <numerusform>Courier %1 (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rating(s), average %1 of 5</source>
        <translation>
            <numerusform>%n rating, average %1 of 5</numerusform>
            <numerusform>%n ratings, average %1 of 5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) open</source>
        <translation>
            <numerusform>%n follow-up open</numerusform>
            <numerusform>%n follow-ups open</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::CaptureForm</name>
    <message numerus="yes">
        <source>Please shorten the comment by %n character(s).</source>
        <translation>
            <numerusform>Please shorten the comment by %n character.</numerusform>
            <numerusform>Please shorten the comment by %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::DispatcherView</name>
    <message numerus="yes">
        <source>Exported %n record(s) to %1</source>
        <translation>
            <numerusform>Exported %n record to %1</numerusform>
            <numerusform>Exported %n records to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>E&amp;xport %n shown record(s)…</source>
        <translation>
            <numerusform>E&amp;xport %n shown record…</numerusform>
            <numerusform>E&amp;xport %n shown records…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export %n shown record(s)</source>
        <translation>
            <numerusform>Export %n shown record</numerusform>
            <numerusform>Export %n shown records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::KioskView</name>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many wrong PINs. Try again in %n second.</numerusform>
            <numerusform>Too many wrong PINs. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Staff mode. The kiosk locks itself again after %n minute(s) without use.</source>
        <translation>
            <numerusform>Staff mode. The kiosk locks itself again after %n minute without use.</numerusform>
            <numerusform>Staff mode. The kiosk locks itself again after %n minutes without use.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::NewRecordsButton</name>
    <message numerus="yes">
        <source>↑ %n new</source>
        <translation>
            <numerusform>↑ %n new</numerusform>
            <numerusform>↑ %n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new record(s) above: show them</source>
        <translation>
            <numerusform>%n new record above: show it</numerusform>
            <numerusform>%n new records above: show them</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::PresenceLine</name>
    <message numerus="yes">
        <source>%1, %2 and %n other(s) are on this record</source>
        <translation>
            <numerusform>%1, %2 and %n other are on this record</numerusform>
            <numerusform>%1, %2 and %n others are on this record</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordAlerts</name>
    <message numerus="yes">
        <source>%n rating(s) need attention</source>
        <translation>
            <numerusform>%n rating needs attention</numerusform>
            <numerusform>%n ratings need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>New %n-star rating</source>
        <translation>
            <numerusform>New %n-star rating</numerusform>
            <numerusform>New %n-star rating</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordDetailPane</name>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n star</numerusform>
            <numerusform>%n stars</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordTableModel</name>
    <message numerus="yes">
        <source>%n of 5 stars</source>
        <translation>
            <numerusform>%n of 5 stars</numerusform>
            <numerusform>%n of 5 stars</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::SettingsDialog</name>
    <message numerus="yes">
        <source>Reset this device? %n record(s) entered here have NOT reached the relay yet and would be lost.</source>
        <translation>
            <numerusform>Reset this device? %n record entered here has NOT reached the relay yet and would be lost.</numerusform>
            <numerusform>Reset this device? %n records entered here have NOT reached the relay yet and would be lost.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n record(s) that exist only on this device? This cannot be undone.</source>
        <translation>
            <numerusform>Delete %n record that exists only on this device? This cannot be undone.</numerusform>
            <numerusform>Delete %n records that exist only on this device? This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::StarRating</name>
    <message numerus="yes">
        <source>%n of 5 stars</source>
        <translation>
            <numerusform>%n of 5 stars</numerusform>
            <numerusform>%n of 5 stars</numerusform>
        </translation>
    </message>
</context>
</TS>
