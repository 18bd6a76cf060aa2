#include "FirstStartDialog.h"

#include "SyncWords.h"
#include "ui_FirstStartDialog.h"

#include <QCheckBox>
#include <QEvent>
#include <QPushButton>
#include <QRegularExpression>
#include <QSysInfo>

#include <protocol/AdmissionToken.h>
#include <sync/RelayUrl.h>
#include <sync/SyncClient.h>

namespace feedback::app {

void fillModeCombo(QComboBox *combo, AppMode current)
{
    combo->clear();
    combo->addItem(QCoreApplication::translate("Modes", "Dispatcher desk"),
                   appModeName(AppMode::Dispatcher));
    combo->addItem(QCoreApplication::translate("Modes", "Feedback kiosk (full screen)"),
                   appModeName(AppMode::Kiosk));
    combo->addItem(QCoreApplication::translate("Modes", "Field laptop"),
                   appModeName(AppMode::Field));
    combo->setCurrentIndex(combo->findData(appModeName(current)));
}

bool isKioskPin(const QString &pin)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{4,12}$"));
    return digits.match(pin).hasMatch();
}

QString kioskPinRule()
{
    return QCoreApplication::translate(
        "Modes", "A kiosk needs a PIN of 4 to 12 digits, so that customers cannot leave it.");
}

QString defaultDeviceName(AppMode mode)
{
    // Host names are often the only thing that tells machines apart in a depot.
    const QString host = QSysInfo::machineHostName().left(60);
    switch (mode) {
    case AppMode::Kiosk:
        return host.isEmpty() ? QCoreApplication::translate("Modes", "Kiosk")
                              : QCoreApplication::translate("Modes", "%1 kiosk").arg(host);
    case AppMode::Field:
        return host.isEmpty() ? QCoreApplication::translate("Modes", "Field laptop")
                              : QCoreApplication::translate("Modes", "%1 laptop").arg(host);
    case AppMode::Dispatcher:
        break;
    }
    return host.isEmpty() ? QCoreApplication::translate("Modes", "Dispatcher desk")
                          : QCoreApplication::translate("Modes", "%1 desk").arg(host);
}

FirstStartDialog::FirstStartDialog(AppMode suggested, const QString &relayUrl, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::FirstStartDialog>())
{
    m_ui->setupUi(this);
    // Errors may quote the relay named in an invite code: never markup.
    m_ui->errorLabel->setTextFormat(Qt::PlainText);
    fillModeCombo(m_ui->modeCombo, suggested);
    m_ui->nameEdit->setText(defaultDeviceName(suggested));
    m_ui->relayEdit->setText(relayUrl);
    connect(m_ui->nextButton, &QPushButton::clicked, this, &FirstStartDialog::next);
    connect(m_ui->backButton, &QPushButton::clicked, this, &FirstStartDialog::back);
    connect(m_ui->startButton, &QPushButton::clicked, this, &FirstStartDialog::accept);
    connect(m_ui->quitButton, &QPushButton::clicked, this, &FirstStartDialog::reject);
    connect(m_ui->nameEdit, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    connect(m_ui->joinRadio, &QRadioButton::toggled, this, &FirstStartDialog::updateEnabled);
    connect(m_ui->syncCheck, &QCheckBox::toggled, this, &FirstStartDialog::updateEnabled);
    connect(m_ui->modeCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_nameEdited)
            m_ui->nameEdit->setText(defaultDeviceName(chosenMode()));
        updateEnabled();
    });
    showError(QString());
    retranslate();
    showStep(RoleStep);
    resize(qMax(width(), 640), sizeHint().height()); // as tall as its tallest step
}

FirstStartDialog::~FirstStartDialog() = default;

void FirstStartDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QDialog::changeEvent(event);
}

void FirstStartDialog::retranslate()
{
    const Step current = step();
    const QString titles[] = {tr("Step 1 of 3: this device"), tr("Step 2 of 3: workspace"),
                              tr("Step 3 of 3: security")};
    m_ui->stepLabel->setText(titles[current]);
    m_ui->securityHelp->setText(
        chosenMode() == AppMode::Kiosk
            ? tr("The feedback here is stored encrypted. Staff leave the kiosk with its PIN; a "
                 "passphrase is only needed where the system has no keychain.")
            : tr("The feedback here is stored encrypted. A passphrase is only needed where the "
                 "system has no keychain; leave it empty otherwise."));
}

AppMode FirstStartDialog::chosenMode() const
{
    return appModeFromName(m_ui->modeCombo->currentData().toString()).value_or(AppMode::Field);
}

void FirstStartDialog::updateEnabled()
{
    const bool joining = m_ui->joinRadio->isChecked();
    m_ui->workspaceForm->setRowVisible(m_ui->inviteEdit, joining);
    // Only a new workspace is admitted by a token; a joined one is admitted already.
    m_ui->workspaceForm->setRowVisible(m_ui->admissionEdit,
                                       !joining && m_ui->syncCheck->isChecked());
    m_ui->securityForm->setRowVisible(m_ui->pinEdit, chosenMode() == AppMode::Kiosk);
    retranslate();
}

FirstStartDialog::Step FirstStartDialog::step() const
{
    return static_cast<Step>(qBound(0, m_ui->steps->currentIndex(), 2));
}

void FirstStartDialog::showStep(Step step)
{
    m_ui->steps->setCurrentIndex(step);
    m_ui->backButton->setEnabled(step != RoleStep);
    m_ui->nextButton->setVisible(step != SecurityStep);
    m_ui->startButton->setVisible(step == SecurityStep);
    // Enter moves on: Next on the first steps, Start on the last.
    m_ui->nextButton->setDefault(step != SecurityStep);
    m_ui->startButton->setDefault(step == SecurityStep);
    updateEnabled();
    QWidget *first[] = {m_ui->modeCombo,
                        m_ui->createRadio->isChecked() ? m_ui->createRadio : m_ui->joinRadio,
                        m_ui->passphraseEdit};
    first[step]->setFocus(Qt::TabFocusReason);
}

void FirstStartDialog::next()
{
    FirstStartChoices c;
    const Step current = step();
    const bool ok = current == RoleStep ? checkRole(c) : checkWorkspace(c);
    if (!ok || current == SecurityStep)
        return;
    showError(QString());
    showStep(static_cast<Step>(current + 1));
}

void FirstStartDialog::back()
{
    showError(QString());
    if (step() != RoleStep)
        showStep(static_cast<Step>(step() - 1));
}

void FirstStartDialog::setBusy(bool busy)
{
    m_ui->startButton->setEnabled(!busy);
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void FirstStartDialog::showError(const QString &text)
{
    setBusy(false);
    m_ui->errorLabel->setText(text);
    m_ui->errorLabel->setVisible(!text.isEmpty());
    // Grow for a message of two lines rather than squeeze the fields above it.
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : sizeHint().height();
    if (isVisible() && height() < needed)
        resize(width(), needed);
}

bool FirstStartDialog::fail(QWidget *field, const QString &text)
{
    for (Step s : {RoleStep, WorkspaceStep, SecurityStep}) {
        if (m_ui->steps->widget(s)->isAncestorOf(field) && step() != s)
            showStep(s);
    }
    showError(text);
    field->setFocus(Qt::OtherFocusReason);
    return false;
}

bool FirstStartDialog::checkRole(FirstStartChoices &c)
{
    c.mode = chosenMode();
    c.deviceName = m_ui->nameEdit->text().trimmed();
    if (c.deviceName.isEmpty())
        c.deviceName = defaultDeviceName(c.mode);
    return true;
}

bool FirstStartDialog::checkWorkspace(FirstStartChoices &c)
{
    c.relayUrl = m_ui->relayEdit->text().trimmed();
    c.syncEnabled = m_ui->syncCheck->isChecked();
    m_ui->modeCombo->setEnabled(true);
    c.insecure = m_ui->insecureCheck->isChecked();
    if (m_ui->joinRadio->isChecked()) {
        const auto invite = sync::InviteCode::decode(m_ui->inviteEdit->text().trimmed());
        if (!invite)
            return fail(m_ui->inviteEdit, invite.error());
        c.join = *invite;
        // A kiosk invite makes a device that only submits: it can only be a kiosk. The mode
        // step shows that if the person goes back.
        const bool kiosk = invite->role() == protocol::Role::Kiosk;
        if (kiosk) {
            m_ui->modeCombo->setCurrentIndex(
                m_ui->modeCombo->findData(appModeName(AppMode::Kiosk)));
            c.mode = AppMode::Kiosk; // its name is the one its invite certifies
        }
        m_ui->modeCombo->setEnabled(!kiosk);
        if (c.relayUrl.isEmpty()) {
            c.relayUrl = invite->relayUrl;
            m_ui->relayEdit->setText(c.relayUrl); // so that the person sees where it syncs
        }
    }
    // Sync without a relay would say "Offline" for ever: ask for the address, or for sync off.
    if (c.syncEnabled && c.relayUrl.isEmpty())
        return fail(m_ui->relayEdit, tr("Enter the relay address, or untick \"Sync with the "
                                        "relay\" to keep the feedback on this device."));
    if (!c.relayUrl.isEmpty() && !sync::SyncClient::isRelayUrl(c.relayUrl))
        return fail(m_ui->relayEdit, tr("The relay address must start with wss:// (or ws:// on "
                                        "a trusted network)."));
    if (!c.relayUrl.isEmpty() && !sync::RelayUrl::check(c.relayUrl, c.insecure))
        return fail(m_ui->relayEdit, insecureRelayMessage(QUrl(c.relayUrl).host()));
    c.admissionToken.clear();
    if (!c.join && c.syncEnabled)
        c.admissionToken = m_ui->admissionEdit->text().trimmed();
    if (!c.admissionToken.isEmpty() && !protocol::admissiontoken::looksValid(c.admissionToken))
        return fail(m_ui->admissionEdit,
                    tr("An admission token is cfa1- and 32 letters, digits, - or _, as the "
                       "relay's operator got it. Leave it empty if you have none."));
    return true;
}

bool FirstStartDialog::checkSecurity(FirstStartChoices &c)
{
    c.passphrase = m_ui->passphraseEdit->text();
    c.kioskPin = m_ui->pinEdit->text();
    if (c.passphrase != m_ui->repeatEdit->text())
        return fail(m_ui->repeatEdit, tr("The two passphrases differ."));
    if (!c.passphrase.isEmpty() && c.passphrase.size() < 8)
        return fail(m_ui->passphraseEdit, tr("Use a passphrase of at least 8 characters."));
    if (c.mode == AppMode::Kiosk && !isKioskPin(c.kioskPin))
        return fail(m_ui->pinEdit, kioskPinRule());
    if (c.mode != AppMode::Kiosk)
        c.kioskPin.clear();
    return true;
}

std::optional<FirstStartChoices> FirstStartDialog::choices()
{
    FirstStartChoices c;
    if (!checkRole(c) || !checkWorkspace(c) || !checkSecurity(c))
        return std::nullopt;
    showError(QString());
    return c;
}

void FirstStartDialog::accept()
{
    // Enter on an earlier step moves on; Start is only on the last one.
    if (step() != SecurityStep) {
        next();
        return;
    }
    // The dialog stays open: the caller closes it once the profile exists, or shows why not.
    // One creation at a time: a second click must not start another one.
    if (const auto c = choices()) {
        setBusy(true);
        Q_EMIT chosen(*c);
    }
}

} // namespace feedback::app
