// Exports through the real window onto what is not a regular file, which
// must never be replaced by one or fail without a word: a device is written through and never
// replaced, its error ("No space left on device") is a message box beside the status bar, a FIFO
// with a reader gets every event, and a folder is refused.
#include "UiTestSupport.h"
#include "core/capture/ExportJob.h"
#include "core/demo/DemoServerThread.h"
#include "core/session/Workspace.h"
#include "ui/compare/ExportFile.h"
#include "ui/session/DashboardSession.h"
#include "ui/window/MainWindow.h"

#include <QMessageBox>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

namespace {

constexpr int kEvents = 500;

enum class Node { FullDevice, NullDevice, Fifo, Folder };

mode_t fileType(const QString &path)
{
    struct stat st
    {
    };
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & S_IFMT) : 0;
}

// A full file system without root: while it lives, no file of this process
// may grow past 0 bytes (EFBIG, "File too large"), as a full disk refuses
// the first block. SIGXFSZ is ignored so the write fails instead of
// killing the test.
class NoRoomForFiles final
{
public:
    NoRoomForFiles()
    {
        m_signal = std::signal(SIGXFSZ, SIG_IGN);
        ::getrlimit(RLIMIT_FSIZE, &m_saved);
        rlimit none = m_saved;
        none.rlim_cur = 0;
        ::setrlimit(RLIMIT_FSIZE, &none);
    }
    ~NoRoomForFiles()
    {
        ::setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_signal);
    }
    Q_DISABLE_COPY_MOVE(NoRoomForFiles)

private:
    rlimit m_saved {};
    void (*m_signal)(int) = nullptr;
};

} // namespace

class TestExportTargets final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void exportNeverReplacesWhatIsNotARegularFile_data();
    void exportNeverReplacesWhatIsNotARegularFile();
    void recordingRefusesAPipeWithNoReaderAtOnce();
    void recordingOntoAFullDeviceSaysSoInABox();
    void aSmallExportOntoAFullDiskSaysSoInABox();
    void comparisonAndWorkspaceFilesOntoAFullDiskSaySo();

private:
    // A device node of our own where mknod is allowed (root): a test run
    // without the fix then replaces it, not the machine's /dev/full.
    QString deviceNode(const QString &name, unsigned minor, const QString &fallback)
    {
        const QString path = m_dir.filePath(name);
        if (::mknod(QFile::encodeName(path).constData(), S_IFCHR | 0666, makedev(1, minor)) == 0)
            return path;
        return fallback;
    }

    std::unique_ptr<demo::DemoServerThread> m_demo; // the program's, before its session
    std::unique_ptr<DashboardSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
};

void TestExportTargets::init()
{
    m_session = std::make_unique<DashboardSession>();
    m_window = std::make_unique<MainWindow>(m_session.get());
    // Interactive: the boxes are what is tested. They open without blocking.
    m_window->setInteractive(true);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    test::ingestEvents(
        *m_session, 1, kEvents, [](int i) { return QByteArray::number(i).repeated(40); });
    QCOMPARE(m_session->store().size(), kEvents);
}

void TestExportTargets::cleanup()
{
    m_window.reset();
    m_session.reset();
}

void TestExportTargets::exportNeverReplacesWhatIsNotARegularFile_data()
{
    QTest::addColumn<Node>("node");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("says");
    QTest::newRow("full device") << Node::FullDevice << false << u"No space left on device"_s;
    QTest::newRow("null device") << Node::NullDevice << true << u"Exported 500 event"_s;
    QTest::newRow("fifo with a reader") << Node::Fifo << true << u"Exported 500 event"_s;
    QTest::newRow("folder") << Node::Folder << false << u"is a folder"_s;
}

void TestExportTargets::exportNeverReplacesWhatIsNotARegularFile()
{
    QFETCH(Node, node);
    QFETCH(bool, ok);
    QFETCH(QString, says);
    QString path;
    std::thread reader;
    QByteArray read;
    switch (node) {
    case Node::FullDevice:
        path = deviceNode(u"full"_s, 7, u"/dev/full"_s);
        break;
    case Node::NullDevice:
        path = deviceNode(u"null"_s, 3, u"/dev/null"_s);
        break;
    case Node::Fifo: {
        path = m_dir.filePath(u"pipe"_s);
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        // The reader is there before the export opens the pipe.
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK);
        QVERIFY(fd >= 0);
        reader = std::thread([fd, &read] {
            // Non-blocking with a deadline: without the fix nothing ever
            // comes (the pipe is replaced), and the test must still end.
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            char buffer[65536];
            while (std::chrono::steady_clock::now() < deadline) {
                const ssize_t n = ::read(fd, buffer, sizeof buffer);
                if (n > 0)
                    read.append(buffer, n);
                else if (n == 0 && !read.isEmpty())
                    break; // the writer closed
                else if (n < 0 && errno != EINTR && errno != EAGAIN)
                    break;
                else if (n == 0)
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
            ::close(fd);
        });
        break;
    }
    case Node::Folder:
        path = m_dir.filePath(u"folder"_s);
        QVERIFY(QDir().mkpath(path));
        break;
    }
    const mode_t typeBefore = fileType(path);
    QVERIFY(typeBefore != 0 && typeBefore != S_IFREG);

    std::vector<quint64> seqs;
    for (quint64 seq = m_session->store().firstSeq(); seq <= m_session->store().lastSeq(); ++seq)
        seqs.push_back(seq);
    m_window->showMessage(QString());
    QVERIFY(m_window->exportEvents(path, int(CaptureFormat::JsonLines), seqs));
    QTRY_VERIFY(!m_window->lastMessage().isEmpty());
    if (reader.joinable())
        reader.join();
    QVERIFY2(m_window->lastMessage().contains(says), qPrintable(m_window->lastMessage()));
    // Nothing was put in its place.
    QCOMPARE(fileType(path), typeBefore);
    auto *box = m_window->findChild<QMessageBox *>(u"fileErrorBox"_s);
    if (ok) {
        QVERIFY(!box);
    } else {
        // Beside the status bar, as the README promises for a file's error.
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY2(box->text().contains(says), qPrintable(box->text()));
        box->accept();
    }
    if (node == Node::Fifo)
        QCOMPARE(read.count('\n'), kEvents);
}

// Recording opens its file on the GUI thread: a FIFO nobody reads would
// block the window for ever in open(2). It is refused at once, and a folder
// with a sentence; the FIFO stays a FIFO.
void TestExportTargets::recordingRefusesAPipeWithNoReaderAtOnce()
{
    const QString pipe = m_dir.filePath(u"unread"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(pipe).constData(), 0600), 0);
    QString error;
    QVERIFY(!m_session->startRecording(pipe, &error));
    QVERIFY2(error.contains(u"no program is reading from this pipe"_s), qPrintable(error));
    QCOMPARE(fileType(pipe), mode_t(S_IFIFO));
    QVERIFY(!m_session->startRecording(m_dir.path(), &error));
    QVERIFY2(error.contains(u"is a folder"_s), qPrintable(error));
}

// Recording writes through a device; when the device fills, the window
// says so in a box as well as the status bar, and the device stays one.
void TestExportTargets::recordingOntoAFullDeviceSaysSoInABox()
{
    QString error;
    m_demo = std::make_unique<demo::DemoServerThread>();
    QVERIFY2(m_demo->start(), qPrintable(m_demo->errorString()));
    const QString full = deviceNode(u"full-recording"_s, 7, u"/dev/full"_s);
    QVERIFY2(m_session->startRecording(full, &error), qPrintable(error));
    SubscriptionConfig config;
    config.name = u"ticker"_s;
    config.url = m_demo->url(u"/ticker?rate=200"_s);
    m_session->addStream(config);
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = m_window->findChild<QMessageBox *>(u"fileErrorBox"_s)), 10000);
    QVERIFY2(box->text().contains(u"No space left on device"_s), qPrintable(box->text()));
    QCOMPARE(fileType(full), mode_t(S_IFCHR));
    box->accept();
}

// Smaller than any write buffer, so the first write to the file is the
// final flush: its ENOSPC/EFBIG must still be a box and a status sentence,
// with no empty file left in place of the old one.
void TestExportTargets::aSmallExportOntoAFullDiskSaysSoInABox()
{
    const QString path = m_dir.filePath(u"small.csv"_s);
    QFile before(path);
    QVERIFY(before.open(QIODevice::WriteOnly));
    before.write("earlier export\n");
    before.close();
    const std::vector<quint64> seqs { m_session->store().firstSeq(),
        m_session->store().firstSeq() + 1 };
    m_window->showMessage(QString());
    {
        NoRoomForFiles full;
        QVERIFY(m_window->exportEvents(path, int(CaptureFormat::Csv), seqs));
        QTRY_VERIFY(!m_window->lastMessage().isEmpty());
    }
    QVERIFY2(
        m_window->lastMessage().contains(u"File too large"_s), qPrintable(m_window->lastMessage()));
    auto *box = m_window->findChild<QMessageBox *>(u"fileErrorBox"_s);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"File too large"_s), qPrintable(box->text()));
    box->accept();
    QFile after(path);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), QByteArray("earlier export\n"));
}

void TestExportTargets::comparisonAndWorkspaceFilesOntoAFullDiskSaySo()
{
    const QString figures = m_dir.filePath(u"figures.csv"_s);
    const QString workspace = m_dir.filePath(u"small.ssescope"_s);
    QString exportError;
    QString workspaceError;
    bool exported = true;
    bool saved = true;
    {
        NoRoomForFiles full;
        exported = writeExportFile(figures, "route,p50\na,1\n", &exportError);
        saved = Workspace().save(workspace, &workspaceError);
    }
    QVERIFY(!exported);
    QVERIFY2(exportError.contains(u"File too large"_s), qPrintable(exportError));
    QVERIFY(!QFile::exists(figures));
    QVERIFY(!saved);
    QVERIFY2(workspaceError.contains(u"File too large"_s), qPrintable(workspaceError));
    QVERIFY(!QFile::exists(workspace));
    // And with room, both are written.
    QVERIFY2(writeExportFile(figures, "route,p50\na,1\n", &exportError), qPrintable(exportError));
    QVERIFY2(Workspace().save(workspace, &workspaceError), qPrintable(workspaceError));
}

QTEST_MAIN(TestExportTargets)
#include "tst_exporttargets.moc"
