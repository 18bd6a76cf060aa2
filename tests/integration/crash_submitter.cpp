// crash_submitter PROFILE_DIR COUNT: opens the profile (passphrase from FEEDBACK_PASSPHRASE,
// keychain off) and submits COUNT records, printing each record id on its own line only after
// FeedbackStore::submit returned, i.e. after the durable commit. tst_crashsafety kills it at
// random moments and then checks that every printed id survived.
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <store/ProfileOpener.h>

using namespace feedback;

namespace {

// A tiny deterministic generator (64-bit LCG): the same start gives the same records.
class Lcg
{
public:
    explicit Lcg(quint64 seed)
        : m_state(seed)
    {}
    quint32 next()
    {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<quint32>(m_state >> 33);
    }

private:
    quint64 m_state;
};

NewFeedback makeRecord(Lcg &rng, quint64 run, int i)
{
    static const QStringList kReasons = {QStringLiteral("late"), QStringLiteral("fast"),
                                         QStringLiteral("friendly"), QStringLiteral("damaged")};
    NewFeedback f;
    // Distinct within a run (i) and across runs (the sequence number the run started at).
    f.orderId = QStringLiteral("crash-%1-%2").arg(run).arg(i);
    f.courierId = 1 + rng.next() % 500;
    f.rating = static_cast<int>(1 + rng.next() % 5);
    f.comment = QStringLiteral("comment %1").arg(rng.next());
    if (rng.next() % 2 == 0)
        f.reasons = {kReasons.at(static_cast<qsizetype>(rng.next() % 4))};
    f.publishConsent = rng.next() % 2 == 0;
    return f;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "crash_submitter: %s\n", qPrintable(message));
    std::fflush(stderr);
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    bool ok = false;
    const int count = args.size() == 3 ? args.at(2).toInt(&ok) : 0;
    if (!ok || count < 0)
        return fail(QStringLiteral("usage: crash_submitter PROFILE_DIR COUNT"));

    const store::Profile profile(args.at(1));
    store::ProfileOpener opener;
    std::unique_ptr<store::FeedbackStore> store;
    // Opened as feedbackctl opens it (the keychain is off in the tests' environment).
    const store::ProfileOpener::Request request =
        store::ProfileOpener::requestFor(profile, qgetenv("FEEDBACK_PASSPHRASE"));

    QTimer::singleShot(0, &opener, [&] {
        opener.open(request, [&](Result<std::unique_ptr<store::FeedbackStore>> opened) {
            if (!opened) {
                QCoreApplication::exit(fail(opened.error()));
                return;
            }
            store = std::move(*opened);
            const quint64 run = store->book().sequence();
            Lcg rng(run * 0x9E3779B97F4A7C15ULL + 1);
            for (int i = 0; i < count; ++i) {
                const auto id = store->submit(makeRecord(rng, run, i));
                if (!id) {
                    QCoreApplication::exit(fail(id.error()));
                    return;
                }
                // Printed only now: submit has returned, the commit is durable.
                const QByteArray line = recordIdToString(*id).toLatin1() + '\n';
                std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
                std::fflush(stdout);
            }
            QCoreApplication::exit(0);
        });
    });
    const int code = QCoreApplication::exec();
    store.reset();
    return code;
}
