// The desktop app's figures (offscreen): start to an interactive dispatcher table with 100,000
// records, and a 1,000-record burst from another device applied to the open table.
#include "BenchReport.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTableView>

#include <app/AppLanguage.h>
#include <app/DispatcherView.h>
#include <app/MainWindow.h>
#include <app/RecordTableModel.h>
#include <gui/GuiTestSupport.h>
#include <support/Workload.h>

using namespace feedback;

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("FEEDBACK_KDF", "interactive");
    qputenv("FEEDBACK_KEYCHAIN", "off");
    QApplication app(argc, argv);
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (!bench::selected(QStringLiteral("app.dispatcher_ready_100k_s"), prefix) &&
        !bench::selected(QStringLiteral("app.apply_burst_1000_ms"), prefix))
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
    return 0;
}
