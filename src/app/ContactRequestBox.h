// The customer's request to be contacted, in the dispatcher's detail pane: whether they asked,
// the phone number or e-mail address they gave (selectable, to copy into a phone or mail
// program), and "Erase contact details…" once they are no longer needed. Hidden for records
// where the customer never asked. The erasure itself is the pane's (it confirms and edits).
#pragma once
#include <QGroupBox>

#include <core/FeedbackTypes.h>

class QLabel;
class QPushButton;

namespace feedback::app {

class ContactRequestBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit ContactRequestBox(QWidget *parent = nullptr);

    void showRecord(const FeedbackRecordView &view);
    // How stored details read on screen: "Phone: +49…", "E-mail: …", "Erased" for the empty text.
    static QString detailsText(const QString &stored);

Q_SIGNALS:
    void eraseRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_requestCaption;
    QLabel *m_requestValue;
    QLabel *m_detailsCaption;
    QLabel *m_detailsValue;
    QPushButton *m_erase;
    std::optional<FeedbackRecordView> m_view;
};

} // namespace feedback::app
