# The staff area's words (templates/staff*.html, templates/report.html and
# src/http/staff). The staff area is in English; these strings are here so
# that a service can reword them, and so that it can be translated later.
# Every key starts with `staff-`.

## Every page
staff-title = { $heading } – staff
staff-nav-label = Staff area
staff-area = Staff area
staff-usage = Usage figures
staff-content = Content
staff-messages = Messages
staff-continue = Continue
staff-finish = Finish
staff-show = Show
staff-search = Search
staff-from-date = From (date)
staff-to-date = To (date)

## Enrolment and sign-in
staff-enrol-password = New password (at least 12 characters)
staff-enrol-confirm = The same password again
staff-enrol-scan = Scan this code with an authenticator app, or type the key into it. Then enter the six-digit code the app shows.
staff-enrol-key = Key:
staff-enrol-code = Code from the app
staff-enrol-recovery = Keep these recovery codes somewhere safe. Each works once, instead of a code from the app. They are shown only now.
staff-sign-in = Sign in
staff-name = Name
staff-password = Password
staff-sign-in-code = Code from your authenticator app, or a recovery code

## The staff home page
staff-signed-in-as = Signed in as <strong>{ $name }</strong> ({ $role }).
staff-sign-out = Sign out
staff-sign-out-everywhere = Sign out everywhere
staff-waiting-count = { $n ->
    [one] { $n } conversation waiting for a reply
   *[other] { $n } conversations waiting for a reply
}
staff-waiting-since = ; the longest has waited since { $day }
staff-survey-results = Survey results
staff-usage-what = : counts of pages read, PDFs and surveys, by day.
staff-content-reload-link = Reload content and preview draft modules
staff-content-preview-link = Preview draft modules
staff-audit-heading = Audit log (newest first)
staff-audit-when = When
staff-audit-who = Who
staff-audit-what = What
staff-audit-detail = Detail
staff-save = Save

## Messages: the inbox
staff-inbox-open = { $n } open in all.
staff-inbox-concerns = { $n ->
    [one] { $n } safeguarding concern to review.
   *[other] { $n } safeguarding concerns to review.
}
staff-inbox-note = Message text is shown only when you open a conversation, and every opening is written in the audit log (never the text).
staff-inbox-none = No open conversations.
staff-inbox-caption = Open conversations, longest waiting first
staff-inbox-conversation = Conversation
staff-inbox-state = State
staff-inbox-waiting = Waiting
staff-inbox-last = Last message
staff-inbox-taken-by = Taken by
staff-inbox-language = Language
staff-inbox-flags = Flags
staff-inbox-concern = Concern
staff-inbox-under-18 = Under 18
staff-inbox-more = Only the longest-waiting conversations are listed; answer or close some to see the rest.
staff-display-name-heading = Your name on replies
staff-display-name-intro = Writers see your replies signed "Helpline practitioner". You may choose a first name or another name to show instead; your account name is never shown to writers.
staff-display-name-label = Name shown on your replies (leave empty for "Helpline practitioner")

## Messages: one conversation
staff-conversation-back = Inbox
staff-conversation-state = State: <strong>{ $state }</strong>.
staff-conversation-nickname = The writer asked to be called <strong>{ $nickname }</strong>.
staff-conversation-under-18 = <strong>Marked as under 18</strong>: the young people's service is shown to the writer.
staff-conversation-language = Written from the <strong>{ $language }</strong> pages: the writer reads the site in that language, so reply in it if you can.
staff-conversation-untaken = Nobody has taken this conversation.
staff-conversation-taken-by = Taken by <strong>{ $name }</strong>.
staff-conversation-take = Take it (assign to me)
staff-conversation-release = Release it to the inbox
staff-conversation-messages = Messages (oldest first)
staff-concern-waiting = <strong>Safeguarding concern</strong> raised by { $name }, { $when }, waiting for review by a second practitioner or an administrator.
staff-reply-heading = Reply
staff-reply-snippet = Start from a snippet
staff-reply-snippet-button = Put it in the reply
staff-reply-label = Your reply (the writer sees it signed "{ $signed }"; at most { $max } characters)
staff-reply-send = Send reply
staff-notes-heading = Internal notes
staff-notes-never-shown = Never shown to the writer.
staff-notes-new = New note
staff-notes-add = Add note
staff-safeguarding-heading = Safeguarding
staff-concern-raised = Concern raised by { $name }, { $when }
staff-concern-reviewed = Reviewed by { $name }, { $when }
staff-concern-review-label = Your review: what was decided
staff-concern-review-button = Record the review
staff-concern-yours = You raised this concern, so someone else must review it.
staff-concern-raise-label = Raise a concern: why
staff-concern-raise-button = Raise a safeguarding concern
staff-other-actions = Other actions
staff-unmark-under-18 = Unmark under 18
staff-mark-under-18 = Mark the writer as under 18
staff-close = Close the conversation
staff-delete-confirm = Yes, delete every message and note in this conversation now
staff-delete = Delete the conversation

## Content
staff-content-warnings = Warnings
staff-content-version = The site is serving content version <code>{ $version }</code>: { $modules } published module(s).
staff-content-reload = Reload content
staff-content-reload-intro = After changing files in the content folder, reload them here. Every file is checked first. If anything is wrong, nothing changes and every problem is listed with its file, line and how to fix it.
staff-content-no-folder = This server was not started from a content folder, so it cannot reload.
staff-drafts-heading = Draft modules
staff-drafts-none = There are no draft modules. A module with <code>draft = true</code> in its front matter is checked and listed here, but not published.
staff-drafts-private = Only signed-in staff can see these previews.

## Usage figures
staff-usage-intro = Counts only: no visitor identifier, no session, no sequence of pages and no time of day is ever recorded. Any count under { $n } is shown as "<{ $n }" and drawn without a bar.
staff-usage-range-days = From { $from } to { $to }, by day.
staff-usage-range-months = From { $from } to { $to }, by month.
staff-usage-csv = Download these counts as CSV
staff-usage-csv-note = (exact counts, written in the audit log).
staff-usage-totals = Totals
staff-usage-counter = Counter
staff-usage-total = Total
staff-usage-per-module = Per module
staff-usage-module = Module
staff-usage-page-views = Page views
staff-usage-pdf-downloads = PDF downloads
staff-usage-per-survey = Per survey
staff-usage-survey = Survey
staff-usage-started = Started
staff-usage-completed = Completed
staff-usage-abandoned = Abandoned
staff-usage-figures = { $label } (figures)
staff-usage-month = Month
staff-usage-day = Day
staff-usage-count = Count

## Survey results: free-text answers
staff-free-back = Back to the results
staff-free-before = Before you read
staff-free-own-words = These are people's own words. Some may describe distressing thoughts, behaviour or experiences, including harm to children. Read them only when you are able to, and take a break if you need one.
staff-free-safeguarding = If an answer suggests that a child may be at risk, follow your organisation's safeguarding-review procedure. The answers are anonymous: contact details were removed before they were stored, and nothing here can tell you who wrote them.
staff-free-procedure = Read the safeguarding-review procedure
staff-free-no-procedure = <strong>No safeguarding-review procedure is linked yet.</strong> An administrator can add its address as <code>safeguarding_review_url</code> in <code>site.toml</code>.
staff-free-show = Show the answers
staff-free-question = Question
staff-free-every-question = Every free-text question
staff-free-containing = Containing
staff-free-count = { $n } answer(s).
staff-free-count-containing = { $n } answer(s) containing "{ $search }".
staff-free-page = Page { $page } of { $pages }.
staff-free-none = No free-text answers match.
staff-free-response = Response { $n }, { $day }
staff-free-pages = Pages of answers
staff-free-previous = Previous page
staff-free-next = Next page

## Survey results (the staff page and `pathway report`)
staff-report-title = { $title }: results
staff-report-survey = Survey <code>{ $id }</code>, { $version }.
staff-report-range = Responses { $range }. Made on { $made }.
staff-report-version = Survey version
staff-report-every-version = Every version
staff-report-version-n = Version { $n }
staff-report-language = Language answered in
staff-report-every-language = Every language
staff-report-downloads = Downloads
staff-report-downloads-note = Every download is written in the audit log with your name. They hold every answer, including free text: keep them on the organisation's systems only.
staff-report-csv = Responses as CSV
staff-report-json = Responses as JSON
staff-report-codebook = Codebook (what every column means) as JSON
staff-report-small = Any count under { $n } is shown as "<{ $n }" and drawn without a bar, so that small groups cannot be singled out.
staff-report-free-text-page = Free-text answers are on a page of their own, behind a content warning.
staff-report-free-text-export = Free-text answers are not shown here: read them in the export, following your organisation's safeguarding-review procedure.
staff-report-responses = Responses
staff-report-completed = Completed responses: { $n }.
staff-report-by-language = Completed responses by the language they were given in (every question is the same in each language, so answers are counted together above)
staff-report-none = No responses yet.
staff-report-per-day = Surveys started, completed and abandoned per day
staff-report-abandoned-note = Started and abandoned cover every version of the survey. A survey counts as abandoned on the day its saved answers expire unfinished (they are kept for a set number of days, then deleted).
staff-report-scores = Scores
staff-report-scores-caption = Scored scales (a response counts only if it answered every item)
staff-report-score = Score
staff-report-mean = Mean
staff-report-not-shown = not shown
staff-report-paired = Change within each person: { $baseline } and { $follow_up }
staff-report-paired-note = Each answer to <code>{ $follow_up }</code> is paired with the answer to <code>{ $baseline }</code> given under the same code (the only link there is; nobody is identified). A pair counts for a score only if both answers have it. Change is the later score minus the earlier one; the interval is an approximate 95% confidence interval for the mean change. The date and version filters apply to the answers of this survey only. Where fewer than { $n } pairs have a score, its figures are not shown.
staff-report-paired-caption = Scores before and after, within pairs
staff-report-pairs = Pairs
staff-report-mean-before = Mean before
staff-report-mean-after = Mean after
staff-report-mean-change = Mean change
staff-report-interval = 95% interval
staff-report-went-up = Went up
staff-report-same = Same
staff-report-went-down = Went down
staff-report-answered = Answered by { $n }.
staff-report-read-answers = Read the answers to this question
staff-report-behind-warning = (behind a content warning).
staff-report-free-text-in-export = Free text: read it in the export.
staff-report-answer = Answer
staff-report-interval-range = { $low } to { $high }
staff-report-range-between = from { $from } to { $to }
staff-report-range-from = from { $from }
staff-report-range-to = up to { $to }
staff-report-range-every = of every date
staff-report-version-only = version { $n } only
staff-report-version-every = every version (the current one is { $n })
staff-report-language-only = , answers given in `{ $locale }` only
staff-report-version-one = version { $n }
staff-report-answers = Answers

## Errors and refusals
staff-refused-any = Sign in with an account that may see this page.
staff-refused-results = Survey results and usage figures are for analysts and administrators.
staff-refused-content = Reloading content is for editors and administrators.
staff-refused-messages = Messages to the helpline are for practitioners and administrators.
staff-expired-heading = That form has expired
staff-expired-text = Go back, reload the page and try again.
staff-error-not-found = Page not found
staff-error-not-found-text = Check the address.
staff-error-refused = Not for your role
staff-error-cross-site = Sent from another website
staff-error-cross-site-text = This form was sent from a page on another website, so it was not carried out. Open the staff area at its own address and try again.
staff-error-too-many = Too many requests
staff-error-too-many-text = Wait a few minutes and try again.
staff-error-unavailable = Try again in a minute
staff-error-unavailable-text = The server is busy or cannot reach its database.
staff-error-internal = Something went wrong
staff-error-internal-text = The problem has been logged. Try again, and tell whoever runs this server if it happens again.
staff-error-timeout = That took too long
staff-error-timeout-text = The server did not finish in time. Try again in a minute.

## Content reloads
staff-reload-here-heading = Content cannot be reloaded here
staff-reload-here-text = This server was not started from a content folder.
staff-reloaded = Reloaded. Now serving content version { $version }: { $modules } published module(s) and { $drafts } draft(s). Module PDFs are being made again in the background.
staff-reload-refused = Nothing changed: the content has { $n } problem(s), so the site keeps serving the version it had. Fix every problem below, then reload again.
staff-reload-current = The content was already current.
staff-no-draft-heading = No such draft
staff-no-draft-text = There is no draft module with that name. A published module is on the site itself.

## Enrolment and sign-in (Rust side)
staff-link-gone-heading = This link does not work
staff-link-gone-text = Enrolment links work once and for 24 hours. Ask an administrator for a new one.
staff-enrol-heading = Set up your staff account
staff-enrol-totp-heading = Set up your authenticator app
staff-enrol-qr-label = QR code for your authenticator app
staff-enrol-wrong-code = That code is not right. Check the app and try the newest code.
staff-enrol-not-same = The two passwords are not the same.
staff-enrol-ready = Your account is ready
staff-password-short = Use at least 12 characters.
staff-password-common = That password contains a very common password. Choose another.
staff-password-name = Do not use your name in your password.
staff-password-repeated = Do not repeat one character.
staff-sign-in-heading = Staff sign-in
staff-sign-in-wrong = The name, password or code is not right, or the account is locked for a while after failed sign-ins. Check them and try again later.
staff-sign-in-too-many = Too many sign-in attempts from here. Wait 10 minutes and try again.

## Usage figures (Rust side)
staff-usage-bad-date = A date was not understood; showing the last 30 days. Write dates as YYYY-MM-DD.
staff-usage-start-after-end = The start date is after the end date; showing the last 30 days.
staff-usage-too-long = That range is longer than ten years; showing the last ten years up to the end date.

## Results and messages (Rust side)
staff-free-heading = { $title }: free-text answers
staff-at-time = { $day } { $time } UTC
staff-display-name-invalid = Use up to { $n } letters, digits, spaces, full stops, apostrophes or hyphens.
staff-inbox-since = since { $day }
staff-the-writer = The writer
staff-conversation-heading = Conversation #{ $id }
staff-write-something = Write something in the box first.
staff-concern-not-yours = That concern cannot be reviewed by you: someone else must review a concern you raised, and each is reviewed once.
staff-delete-tick = Tick the box to confirm that the conversation should be deleted.
staff-taken-first = { $name } took this conversation first. Ask them, or release it if they have left.
staff-state-new = New
staff-state-waiting-for-us = Waiting for us
staff-state-waiting-for-them = Waiting for them
staff-state-closed = Closed
