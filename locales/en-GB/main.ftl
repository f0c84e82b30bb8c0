## Every page
skip-link = Skip to main content
nav-label = Main
nav-home = Home
nav-get-in-touch = Get in touch
nav-crisis = Urgent help
nav-privacy = Privacy
quick-exit = Leave this site quickly
sample-banner = This is sample content. A service must have it clinically reviewed before using it with the public.
footer-helpline-heading = Talk to someone confidentially
footer-helpline-call = Call the { $name } free on
footer-more-info = More info
footer-crisis = If you feel overwhelmed or unsafe, call { $name } on
footer-emergency = If a child is in danger right now, call { $number }.
footer-links-label = Site links
footer-run-by = This site is run by { $organisation }. It does not use cookies or record who you are.

## Home page
home-heading = Help to stop, before anyone is harmed
home-modules-heading = The modules
home-privacy-heading = Your privacy
home-young-heading = If you are under 18
home-someone-else-heading = If you are worried about someone else
minutes = About { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
  }
module-number = Module { $number }

## Module page
module-of = Module { $number } of { $total }
module-aims-intro = This module aims to help you explore and gain understanding of:
module-pdf = Download module as a PDF
module-contents = In this module
module-pager-label = Other modules
module-previous = Previous module
module-next = Next module
module-case-label = Example
module-case-hint = Open the example to read it.
module-reflection = Reflection
module-key-point = Key point
module-warning = Important
module-jurisdiction-jump = Jump to the law where you live:
module-sample-note = Sample content: this module has not been clinically reviewed and must be before it is used with the public.
survey-heading = Help us improve this site
help-heading = Talk to someone about this module

## Get in touch
git-heading = Get in touch
git-intro = You can talk to the { $name } without giving your name.
git-call = Call free on
git-status-open = Open now, until { $time }.
git-status-closed = Closed now.
git-status-closed-today = Closed today: { $reason }.
git-opens-today = It opens today at { $time }.
git-opens-tomorrow = It opens tomorrow at { $time }.
git-opens-on = It opens on { $day } at { $time }.
git-status-zone = Opening times are in the { $zone } time zone.
git-when-closed = While the helpline is closed, you can still get help:
git-hours-heading = Opening hours
git-hours-day = Day
git-hours-times = Times
git-hours-closed = Closed
git-hours-to = { $start } to { $end }
git-closures-heading = Days the helpline is closed
git-what-happens = What happens when you call
git-confidentiality = Confidentiality and its limits
git-other-ways = Other ways to reach us
git-live-chat = Chat online
git-email = Send an email
day-monday = Monday
day-tuesday = Tuesday
day-wednesday = Wednesday
day-thursday = Thursday
day-friday = Friday
day-saturday = Saturday
day-sunday = Sunday
time-am = { $hour }am
time-am-minutes = { $hour }:{ $minute }am
time-pm = { $hour }pm
time-pm-minutes = { $hour }:{ $minute }pm
time-noon = 12 noon
time-midnight = midnight
date-long = { $weekday } { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Urgent help
crisis-heading = Urgent help
crisis-intro = If you are worried about what might happen right now, these services can help.
crisis-emergency-heading = In an emergency
crisis-lines-heading = If you feel overwhelmed or unsafe
crisis-helpline-heading = To talk about your thoughts or behaviour
crisis-helpline-text = The { $name } is confidential. You do not have to give your name.
call = Call { $phone }
visit-site = Visit { $name }

## Privacy
privacy-heading = Privacy
privacy-intro = We built this site so that you can use it without anyone, including us, knowing who you are. This page says exactly what is and is not kept.
privacy-not-stored-heading = What we do not keep
privacy-not-ip = We do not record your IP address, the name of your browser or device, or the page you came from. None of these are written to any log or database.
privacy-not-cookies = This site sets no cookies and does not ask you to sign up or log in.
privacy-not-third-party = Every part of every page comes from this site. There are no adverts, no tracking, no social media buttons, and no fonts or scripts from other companies, so no other company learns that you visited.
privacy-not-worksheets = What you type into a worksheet goes straight into your PDF and is then forgotten. It is never saved, logged or counted, and the PDF is not kept on the server.
privacy-not-js = The site works fully without JavaScript. Its only script, which comes from this site, makes the "leave this site quickly" button also remove this page from your browser's back button, and opens the examples when you print a module.
privacy-stored-heading = What the server does keep
privacy-stored-content = The text of the modules, and a record of each version of that text that was published. This says nothing about visitors.
privacy-stored-survey = If you take part in the survey: your answers, the date (never the time) you sent them, and which version of the site you used. E-mail addresses, phone numbers and web addresses are removed from written answers before they are stored. A survey you save for later is kept for 30 days; it can be found again only with your code, which we store in a scrambled form that cannot be turned back into the code.
privacy-stored-log = By default the server keeps no record of pages visited. If the organisation switches on its request log, each line holds only the type of request, the page address, whether it worked and how long it took: never who asked.
privacy-stored-limits = To stop people guessing survey codes, the server counts tries for a few minutes in its memory. It never stores your address: it keeps only a scrambled form of it, made with a secret that changes every day and is never written down.
privacy-stored-errors = If something goes wrong inside the server, it records a technical error message. That message never includes anything about you.
privacy-tradeoff-heading = What we chose not to do
privacy-tradeoff = We do not remember how far you got through the programme. Doing that would need a cookie or an account, which could identify you. If you want to come back to a module, you can bookmark it, but anyone using your device could see the bookmark.
privacy-device-heading = Staying private on this device
privacy-device-intro = We cannot see your device, but other people who use it might. These steps can help.
privacy-device-history = History: your browser remembers the pages you visit. Use private browsing (sometimes called incognito), or delete this site from your history when you finish.
privacy-device-downloads = Downloads: a file you download stays in your downloads folder until you delete it. Our files have neutral names, such as module-2.pdf, but their contents are about this programme.
privacy-device-private = Private browsing: a private window forgets the pages you visited when you close it. It does not hide your visit from your internet provider or an employer's network.
privacy-device-shared = Shared devices: if you share a phone or computer, sign out of the browser, close every window when you finish, and use the "leave this site quickly" button if someone comes in.
privacy-device-cache = This site asks your browser not to keep copies of its pages, so they are not saved for anyone to find later. This makes pages slightly slower to load again; we chose your privacy over speed.

## Errors
not-found-heading = Page not found
not-found-text = We could not find that page. It may have moved.
not-found-home = Go to the home page
error-heading = Sorry, something went wrong
error-text = There is a problem with the site. Please try again in a few minutes. If you need to talk to someone now, the numbers below still work.

## Worksheets and PDFs
pdf-page = Page
worksheet-title = Worksheet
worksheet-download = Download my answers as a PDF
worksheet-never-stored = Your answers are never stored, logged or counted: they go straight into your PDF and are then forgotten.
worksheet-pdf-note = Only you have this copy: your answers were not stored anywhere.
worksheet-errors-heading = Please check your answers
worksheet-error-too-long = This answer is too long. Please shorten it.
worksheet-error-choice = This choice is not one of the options.
worksheet-error-repeated = This answer was sent twice.
worksheet-error-encoding = Some of the text could not be read. Please type it again.
worksheet-error-unknown-field = The form sent something we did not expect, so we left it out.
worksheet-error-too-many = The form sent more answers than it has questions.
worksheet-fix-heading = Your worksheet needs a change
worksheet-fix-text = Nothing has been saved. Your answers are below so that you can fix them and try again.
worksheet-busy-heading = Busy right now
worksheet-busy-text = Many people are making PDFs at the moment. Please try again in a minute. Your answers are below, and nothing has been saved.
worksheet-too-large-heading = Your answers are too long
worksheet-too-large-text = What you sent was too large to read, so we could not keep it. Please write shorter answers and try again.
worksheet-failed-heading = Sorry, the PDF could not be made
worksheet-failed-text = Something went wrong while making your PDF. Nothing has been saved. Your answers are below so that you can try again.
worksheet-back = Back to the module
pdf-failed-heading = Sorry, this PDF is not available
pdf-failed-text = The PDF of this module could not be made. You can still read the module on this site, or print the page from your browser.

## Survey
survey-start = Start the survey
survey-resume-link = I have a code to carry on where I left off
survey-honeypot = Leave this empty
survey-required = required
survey-next = Next
survey-back = Back
survey-save = Save and continue later
survey-change = Change these answers
survey-submit = Send my answers
survey-other = Other, please say:
survey-page-of = Page { $number } of { $total }
survey-review-heading = Check your answers
survey-review-text = Here is everything you answered. You can change any page before you send it.
survey-free-text-note = Please do not name anyone or any place. Contact details (e-mail addresses, phone numbers, web addresses) are removed before your answer is stored. Nobody reads answers in time to reply: if you need help now, call the helpline, call 999 if a child is in danger, or call Samaritans on 116 123.
survey-code-heading = Your code to carry on later
survey-code-only-way = Write this code down or download it. It is the only way back to your answers: we do not know who you are, so nobody can recover it for you. Your answers are kept for 30 days.
survey-code-download = Download the code as a text file
survey-continue-now = Carry on now
survey-code-file = Your code to carry on the survey later: { $code }
survey-resume-heading = Carry on with the survey
survey-code-label = Your code
survey-code-hint = Capitals, spaces and dashes do not matter.
survey-resume = Carry on
survey-bad-code = We could not find answers for that code. Please check it and try again. Codes stop working 30 days after they were made.
survey-expired = This survey session has ended or expired. If you saved a code, you can carry on with it; otherwise you can start again.
survey-consent-needed = Please tick the box to say you agree before you start.
survey-done-heading = Thank you
survey-done-text = Your answers have been sent. Thank you for helping us make this site better.
survey-young-heading = Thank you for your interest
survey-young-text = This survey is for adults, so we have not kept any of your answers. If you are under 18 and worried about your own thoughts or behaviour, there is help for young people.
survey-quick-done = Thank you. Your answers help us improve each module.
survey-too-many-tries = Too many codes have been tried from here. Please wait 10 minutes and try again.
survey-too-many-starts = Many surveys have been started from here. Please try again later.
survey-full = Too many surveys are in progress at the moment. Please try again later.
survey-not-available = The survey is not available at the moment.
survey-error-required = Please answer this question.
survey-error-option = Please choose one of the options.
survey-error-number = Please enter a whole number in the range shown.
survey-error-too-long = This answer is too long. Please shorten it.
survey-error-repeated = This question was answered twice.
survey-error-unknown-field = The form sent something we did not expect, so we left it out.
survey-error-page = That page is not part of this survey.
survey-error-encoding = Some of the text could not be read. Please type it again.
