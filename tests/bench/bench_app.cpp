// The desktop app's figures (offscreen): start to an interactive dispatcher table with 100,000
// records, a 1,000-record burst from another device applied to the open table, a click on a
// column header (rows re-sorted and painted) and one character typed into Find (rows filtered
// and painted; the 150 ms the box waits for the next keystroke left out), and a record with 1,000
// changes opened in the detail pane (its history listed and painted).
#include "AppBenchEnvironment.h"
#include "BenchReport.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QTableView>

#include <algorithm>
#include <app/AppLanguage.h>
#include <app/DispatcherView.h>
#include <app/MainWindow.h>
#include <app/RecordDetailPane.h>
#include <app/RecordFilterModel.h>
#include <app/RecordTableModel.h>
#include <gui/GuiTestSupport.h>
#include <support/Workload.h>

using namespace feedback;

int main(int argc, char **argv)
{
    bench::useAppBenchEnvironment();
    QApplication app(argc, argv);
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (!bench::selected(QStringLiteral("app.dispatcher_ready_100k_s"), prefix) &&
        !bench::selected(QStringLiteral("app.apply_burst_1000_ms"), prefix) &&
        !bench::selected(QStringLiteral("app.sort_100k_ms"), prefix) &&
        !bench::selected(QStringLiteral("app.filter_keystroke_100k_ms"), prefix) &&
        !bench::selected(QStringLiteral("app.history_1000_changes_ms"), prefix))
        return 0;
    app::AppLanguage::apply(QStringLiteral("en"));
    constexpr int kRecords = 100000;
    QTemporaryDir dir;
    const QString profile = dir.filePath(QStringLiteral("desk"));
    {
        auto store = test::openProfile(profile);
        testsupport::Workload workload;
        for (int batch = 0; batch < kRecords / 10000; ++batch) {
            QList<store::ImportItem> items;
            for (int i = 0; i < 10000; ++i)
                items.append({QByteArray::number(batch * 10000 + i), workload.next()});
            if (!store->importItems(items))
                qFatal("import failed");
        }
    }

    // Start: open the profile (key derivation included), build the window, show the table.
    QElapsedTimer timer;
    timer.start();
    auto session = test::openSession(profile);
    test::ScriptedDialogs dialogs;
    app::MainWindow window(*session, dialogs, app::AppMode::Dispatcher);
    window.show();
    auto *table = window.findChild<QTableView *>(QStringLiteral("recordTable"));
    table->viewport()->repaint();
    QCoreApplication::processEvents();
    const double ready = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (window.dispatcher()->model().rowCount() != kRecords)
        qFatal("the table lost records");
    bench::report(QStringLiteral("app.dispatcher_ready_100k_s"), ready, QStringLiteral("s"),
                  {{QStringLiteral("records"), kRecords}});

    // A burst from another device, as sync applies it: one store transaction, one model signal.
    FeedbackBook other(testsupport::Workload(7).replicaId());
    testsupport::Workload workload(99);
    QList<BookDelta> deltas;
    for (int i = 0; i < 1000; ++i)
        deltas.append(*other.create(workload.next()));
    timer.restart();
    if (!session->store().applyRemote(deltas))
        qFatal("apply failed");
    session->publishChanges();
    table->viewport()->repaint();
    QCoreApplication::processEvents();
    const double burst = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    if (window.dispatcher()->model().rowCount() != kRecords + 1000)
        qFatal("the burst did not reach the table");
    bench::report(QStringLiteral("app.apply_burst_1000_ms"), burst, QStringLiteral("ms"),
                  {{QStringLiteral("records_before"), kRecords},
                   {QStringLiteral("includes"),
                    QStringLiteral("store transaction (fsync), model insert, repaint")}});

    const auto paint = [table] {
        table->viewport()->repaint();
        QCoreApplication::processEvents();
    };
    const auto median = [](QList<double> values) {
        std::sort(values.begin(), values.end());
        return values[values.size() / 2];
    };
    // A click on a header, as QHeaderView's own click does it: each column once, both orders.
    QHeaderView *header = table->horizontalHeader();
    QList<double> sorts;
    QJsonObject perColumn;
    for (int column = 0; column < app::RecordTableModel::ColumnCount; ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            timer.restart();
            header->setSortIndicator(column, order);
            paint();
            const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
            sorts.append(ms);
            perColumn.insert(QString::number(column) + (order == Qt::AscendingOrder ? u'a' : u'd'),
                             ms);
        }
    }
    bench::report(QStringLiteral("app.sort_100k_ms"), median(sorts), QStringLiteral("ms"),
                  {{QStringLiteral("records"), kRecords + 1000},
                   {QStringLiteral("statistic"), QStringLiteral("median over every column, both "
                                                                "orders")},
                   {QStringLiteral("max_ms"), *std::max_element(sorts.begin(), sorts.end())},
                   {QStringLiteral("per_column_ms"), perColumn}});
    header->setSortIndicator(-1, Qt::DescendingOrder);

    // Typing "ORD-12" into Find, one character at a time: the filter each keystroke applies.
    QList<double> keystrokes;
    QJsonArray perKeystroke;
    app::RecordFilter filter;
    for (const QChar c : QStringLiteral("ORD-12")) {
        filter.text.append(c);
        timer.restart();
        window.dispatcher()->filterModel().setFilter(filter);
        paint();
        keystrokes.append(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        perKeystroke.append(keystrokes.last());
    }
    bench::report(
        QStringLiteral("app.filter_keystroke_100k_ms"), median(keystrokes), QStringLiteral("ms"),
        {{QStringLiteral("records"), kRecords + 1000},
         {QStringLiteral("statistic"), QStringLiteral("median of 6 keystrokes")},
         {QStringLiteral("max_ms"), *std::max_element(keystrokes.begin(), keystrokes.end())},
         {QStringLiteral("per_keystroke_ms"), perKeystroke}});
    window.dispatcher()->filterModel().setFilter(app::RecordFilter());

    // A record another device changed 1,000 times (a follow-up worked on for months), arriving
    // in one burst; then opened in the detail pane, after another record, five times.
    NewFeedback worked = workload.next();
    worked.rating = 1;
    const auto created = other.create(worked);
    const RecordId busy = *created->minted.begin();
    QList<BookDelta> changes{*created};
    for (int i = 0; i < 1000; ++i) {
        FeedbackEdit e;
        e.by = i % 2 ? QStringLiteral("Amira") : QStringLiteral("Bo");
        e.followUp = static_cast<FollowUpStatus>(i % 3);
        e.assignee = QStringLiteral("dispatcher %1").arg(i % 7);
        changes.append(*other.edit(busy, e));
    }
    if (!session->store().applyRemote(changes))
        qFatal("apply failed");
    session->publishChanges();
    app::RecordDetailPane &pane = window.dispatcher()->detail();
    QList<double> opens;
    for (int i = 0; i < 5; ++i) {
        pane.showRecord(std::nullopt);
        paint();
        timer.restart();
        pane.showRecord(busy);
        pane.repaint();
        QCoreApplication::processEvents();
        opens.append(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    if (session->history(busy).size() < 1000)
        qFatal("the history lost changes");
    bench::report(QStringLiteral("app.history_1000_changes_ms"), median(opens),
                  QStringLiteral("ms"),
                  {{QStringLiteral("changes"), 1000},
                   {QStringLiteral("history_lines"), session->history(busy).size()},
                   {QStringLiteral("statistic"), QStringLiteral("median of 5 openings")}});
    return 0;
}
