// File → Export report…: the period of the weekly report (the last seven days up to today at
// first), then a file to write it to. A period that ends before it starts is refused in words.
#pragma once
#include <QDate>
#include <QDialog>

class QDateEdit;
class QLabel;

namespace feedback::app {

class ReportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ReportDialog(QWidget *parent = nullptr);
    QDate from() const;
    QDate to() const;
    void accept() override;

Q_SIGNALS:
    void chosen(QDate from, QDate to);

private:
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_error;
};

} // namespace feedback::app
