// What the GUI tests share: dialogs answered from a script, and real temporary profiles (real
// SQLite, passphrase-protected keys, no keychain) opened as app sessions.
#pragma once

#include "../support/Patience.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWidget>

#include <app/AppSession.h>
#include <app/DialogService.h>
#include <app/DispatcherView.h>
#include <app/RecordDetailPane.h>
#include <app/RecordFilterModel.h>
#include <app/RecordTableModel.h>
#include <source_location>
#include <store/ProfileOpener.h>
#include <sync/Enrolment.h>
#include <sync/InviteCode.h>
#include <sync/WorkspaceKeys.h>
#include <type_traits>

namespace feedback::test {

// The widget (or action) of type T called `name` under `root`, or null: for a test that checks
// itself whether something is there (a dialog that comes and goes).
template <class T> T *findOptional(QWidget *root, const QString &name)
{
    return root ? root->findChild<T *>(name) : nullptr;
}

// The widget (or action) of type T called `name` under `root`, which must be there. A missing
// one (a renamed objectName, say) fails the current test with a message that names it, and a
// hidden stand-in of the same type is returned instead of null: the test's next steps act on the
// stand-in and the test ends as failed, instead of a null dereference taking the whole test
// binary, and every test after this one, down with it.
template <class T>
T *findWidget(QWidget *root, const QString &name,
              const std::source_location where = std::source_location::current())
{
    static_assert(std::is_constructible_v<T, QWidget *>,
                  "no stand-in for this type: use findOptional() and QVERIFY2 the result");
    if (T *found = findOptional<T>(root, name))
        return found;
    const QByteArray message = "no " + QByteArray(T::staticMetaObject.className()) + " named \"" +
                               name.toUtf8() + "\" in the window" +
                               (root ? QByteArray() : QByteArrayLiteral(" (there is no window)"));
    QTest::qFail(message.constData(), where.file_name(), static_cast<int>(where.line()));
    // Owned by the window (hidden: created after it was shown, and hidden explicitly); without a
    // window, by a holder that lives as long as the program.
    static QWidget *const noWindow = new QWidget;
    T *standIn = new T(root ? root : noWindow);
    standIn->setObjectName(QStringLiteral("stand-in for ") + name);
    if constexpr (std::is_base_of_v<QWidget, T>)
        standIn->hide();
    return standIn;
}

// The first start's last step: the passphrase twice, then Start.
inline void startWithPassphrase(QWidget *firstStart, const QString &passphrase)
{
    QTest::keyClicks(findWidget<QLineEdit>(firstStart, QStringLiteral("passphraseEdit")),
                     passphrase);
    QTest::keyClicks(findWidget<QLineEdit>(firstStart, QStringLiteral("repeatEdit")), passphrase);
    findWidget<QPushButton>(firstStart, QStringLiteral("startButton"))->click();
}

// Answers questions in order; with no scripted answer, says no / cancels. Answers arrive
// from the event loop, as a person's would.
class ScriptedDialogs : public app::DialogService
{
public:
    QList<bool> confirmAnswers;
    QList<std::optional<QString>> textAnswers;
    QString saveFile;
    QString suggestedFile;    // what the app proposed in the last save dialog
    QStringList asked;        // titles, in order
    QStringList confirmTexts; // what each confirmation said, in order
    QStringList informed;
    QStringList notifications; // "title: text" of each desktop notification, in order
    QList<QUrl> openedUrls;    // links given to the browser
    // Answers delivered, counted once the asker has handled each one: what a test waits for
    // before it looks at the outcome of an answer (asking happens earlier than the answer).
    int answered = 0;

    // The answer goes nowhere once the asking widget is gone, as with a real dialog.
    static QObject *context(QWidget *parent)
    {
        return parent ? static_cast<QObject *>(parent) : QCoreApplication::instance();
    }

    void confirm(QWidget *parent, const QString &title, const QString &text, const QString &,
                 std::function<void(bool)> done) override
    {
        asked.append(title);
        confirmTexts.append(text);
        const bool answer = confirmAnswers.isEmpty() ? false : confirmAnswers.takeFirst();
        QTimer::singleShot(0, context(parent), [this, done, answer] {
            done(answer);
            ++answered;
        });
    }
    void askText(QWidget *parent, const QString &title, const QString &, bool,
                 std::function<void(std::optional<QString>)> done) override
    {
        asked.append(title);
        const std::optional<QString> answer =
            textAnswers.isEmpty() ? std::nullopt : textAnswers.takeFirst();
        QTimer::singleShot(0, context(parent), [this, done, answer] {
            done(answer);
            ++answered;
        });
    }
    void inform(QWidget *, const QString &title, const QString &text) override
    {
        asked.append(title);
        informed.append(text);
    }
    void chooseSaveFile(QWidget *parent, const QString &title, const QString &suggested,
                        const QString &, std::function<void(QString)> done) override
    {
        asked.append(title);
        suggestedFile = suggested;
        const QString file = saveFile;
        QTimer::singleShot(0, context(parent), [this, done, file] {
            done(file);
            ++answered;
        });
    }
    void notify(const QString &title, const QString &text) override
    {
        notifications.append(title + QStringLiteral(": ") + text);
    }
    bool openUrl(const QUrl &url) override
    {
        openedUrls.append(url);
        return true;
    }
};

// Creates (or opens) the profile in `dir` with the test passphrase and makes it a device of
// the workspace `secret` (a new workspace when empty).
inline std::unique_ptr<store::FeedbackStore>
openProfile(const QString &dir, const QString &relayUrl = QString(),
            QByteArray secret = QByteArray(), HybridLogicalClock clock = HybridLogicalClock(),
            const QString &deviceName = QStringLiteral("test"))
{
    store::Profile profile(dir);
    const bool existing = profile.isInitialised();
    store::ProfileOpener opener;
    store::ProfileOpener::Request request =
        store::ProfileOpener::requestFor(profile, QByteArrayLiteral("gui tests passphrase"));
    // Never the keychain of whoever runs the tests, whatever FEEDBACK_KEYCHAIN says.
    request.useKeychain = false;
    request.storeOptions.clock = clock;
    std::unique_ptr<store::FeedbackStore> result;
    QString error;
    bool done = false;
    auto finished = [&](Result<std::unique_ptr<store::FeedbackStore>> s) {
        done = true;
        if (s)
            result = std::move(*s);
        else
            error = s.error();
    };
    if (existing)
        opener.open(request, finished);
    else
        opener.create(request, finished);
    if (!QTest::qWaitFor([&] { return done; }, feedback::test::kPatienceMs))
        error = QStringLiteral("timed out");
    if (!result) {
        qWarning("cannot open the test profile: %s", qPrintable(error));
        return nullptr;
    }
    if (!existing) {
        if (secret.isEmpty())
            secret = sync::WorkspaceKeys::newSecret();
        if (Status s = sync::enrol(profile, *result, {relayUrl, secret}, deviceName); !s) {
            qWarning("cannot enrol the test profile: %s", qPrintable(s.error()));
            return nullptr;
        }
    }
    return result;
}

inline std::unique_ptr<app::AppSession>
openSession(const QString &dir, const QString &relayUrl = QString(),
            const QByteArray &secret = QByteArray(),
            HybridLogicalClock clock = HybridLogicalClock(),
            const QString &deviceName = QStringLiteral("test"))
{
    auto store = openProfile(dir, relayUrl, secret, clock, deviceName);
    if (!store)
        return nullptr;
    return std::make_unique<app::AppSession>(store::Profile(dir), std::move(store));
}

// Selects the record's row in the dispatcher's table (`window`'s) as a click does: the detail
// pane shows the record.
inline void selectRecord(app::DispatcherView &desk, QWidget *window, const RecordId &id)
{
    const int row = desk.model().rowOf(id);
    QVERIFY2(row >= 0, "the record is not in the table");
    const QModelIndex index = desk.filterModel().mapFromSource(desk.model().index(row, 0));
    QVERIFY(index.isValid());
    findWidget<QTableView>(window, QStringLiteral("recordTable"))->setCurrentIndex(index);
    QCOMPARE(desk.detail().record(), std::optional<RecordId>(id));
}

inline QString inviteOf(app::AppSession &session)
{
    return sync::inviteCodeOf(session.store(), session.relayUrl()).value();
}

} // namespace feedback::test
