// The feedback form of the kiosk and the field laptop: order and courier number (a barcode
// scanner types and presses Enter), stars, reason chips, comment with a live limit, consent and
// follow-up. Mistakes are shown under their field, in space kept for them; nothing is stored
// until all is right. In the kiosk a side column holds the on-screen keypad and Send.
#pragma once
#include <QWidget>

#include <core/FeedbackTypes.h>
#include <memory>

class QLabel;
class QPushButton;

namespace Ui {
class CaptureForm;
}

namespace feedback::app {

class AppSession;
class MessageLabel;
class NumericKeypad;
class StarRating;

class CaptureForm : public QWidget
{
    Q_OBJECT
public:
    explicit CaptureForm(AppSession &session, QWidget *parent = nullptr);
    ~CaptureForm() override;

    void setKioskStyle(bool kiosk);
    void setScale(double scale);           // the kiosk's type grows with the screen; stars follow
    void setKeypad(NumericKeypad *keypad); // shown in the side column, typing the numbers
    void setCornerWidget(QWidget *corner); // top right, beside the title
    // Where the optional "how may we contact you" line goes, under the contact checkbox: the
    // kiosk's layout has room for it at 1280x800 in every language.
    QWidget *contactHost() const;
    void reset(); // empty form, no messages, focus on the order number
    bool submit();
    // The line under the form ("Saved on this device…"); a new entry clears it.
    void setStatus(const QString &text);
    QString status() const;

Q_SIGNALS:
    void submitted(const feedback::RecordId &id);
    void edited(); // the person typed, tapped or chose something

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    std::optional<NewFeedback> collect();
    void showError(MessageLabel *label, const QString &text);
    void showStatus(const QString &text);
    void placeSidePanel(bool beside);
    void fitComment();
    QString orderPrefix() const;
    void clearErrors();
    void updateCounter();
    void onRatingChanged(int rating);

    AppSession &m_session;
    std::unique_ptr<Ui::CaptureForm> m_ui;
    StarRating *m_rating;
    QList<QPushButton *> m_reasons;
    bool m_followUpChosen = false; // the person set follow-up: the rating no longer presets it
    bool m_kiosk = false;
};

} // namespace feedback::app
