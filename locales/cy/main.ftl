# Welsh (Cymraeg): the strings of every page the public can read, each of
# which has a Welsh address (/cy/...). The staff area stays in English;
# tests/translations.rs checks that nothing else is missing.
# SAMPLE: written for testing the language support. A fluent Welsh speaker
# with clinical knowledge must review every string before public use.

language-name = Cymraeg
translation-missing = Nid yw'r dudalen hon wedi'i chyfieithu eto, felly mae hi yn Saesneg.

skip-link = Neidio i'r prif gynnwys
nav-label = Prif
nav-home = Hafan
nav-get-in-touch = Cysylltu â ni
nav-crisis = Help brys
quick-exit = Gadael y wefan hon yn gyflym
urge-link = Ysfa gref? Help nawr
sample-banner = Cynnwys enghreifftiol yw hwn. Rhaid i wasanaeth gael adolygiad clinigol ohono cyn ei ddefnyddio gyda'r cyhoedd.

footer-helpline-heading = Siarad â rhywun yn gyfrinachol
footer-helpline-call = Ffoniwch { $name } am ddim ar
footer-more-info = Rhagor o wybodaeth
footer-crisis = Os ydych chi'n teimlo wedi'ch llethu neu'n anniogel, ffoniwch { $name } ar
footer-links-label = Dolenni'r wefan
footer-run-by = Mae'r wefan hon yn cael ei rhedeg gan { $organisation }. Nid yw'n defnyddio cwcis nac yn cofnodi pwy ydych chi.
family-link-every-page = Yn poeni am rywun arall? Tudalennau i deulu a ffrindiau

home-heading = Help i stopio, beth bynnag sydd wedi digwydd hyd yma
home-modules-heading = Y modiwlau
home-family-heading = I deulu a ffrindiau
home-family-intro = Mae'r tudalennau hyn i chi os ydych chi'n poeni am ymddygiad rhywun sy'n agos atoch, fel partner, perthynas neu ffrind.
home-family-link = Darllenwch ein tudalennau i deulu a ffrindiau
home-privacy-heading = Eich preifatrwydd
home-someone-else-heading = Os ydych chi'n poeni am rywun arall
home-young-heading = Os ydych chi o dan 18 oed
visit-site = Ewch i { $name }

minutes = Tua { $minutes ->
    [one] munud
   *[other] { $minutes } munud
}
module-of = Modiwl { $number } o { $total }
module-aims-intro = Gall gweithio drwy'r modiwl hwn eich helpu i edrych ar y canlynol a gwneud synnwyr ohonyn nhw:
module-contents = Yn y modiwl hwn
module-pdf = Lawrlwytho'r modiwl fel PDF
module-previous = Y modiwl blaenorol
module-next = Y modiwl nesaf
module-pager-label = Modiwlau eraill
module-sample-note = Cynnwys enghreifftiol: nid yw'r modiwl hwn wedi cael adolygiad clinigol, a rhaid iddo gael un cyn ei ddefnyddio gyda'r cyhoedd.
module-key-point = Pwynt allweddol
module-warning = Pwysig
module-case-label = Enghraifft
module-reflection = Myfyrio
module-jurisdiction-jump = Neidio i'r gyfraith lle rydych chi'n byw:
help-heading = Siarad â rhywun am y modiwl hwn
messages-link = Anfon neges aton ni

## Dates and times
day-monday = Dydd Llun
day-tuesday = Dydd Mawrth
day-wednesday = Dydd Mercher
day-thursday = Dydd Iau
day-friday = Dydd Gwener
day-saturday = Dydd Sadwrn
day-sunday = Dydd Sul
time-am = { $hour }yb
time-am-minutes = { $hour }:{ $minute }yb
time-pm = { $hour }yh
time-pm-minutes = { $hour }:{ $minute }yh
time-noon = hanner dydd
time-midnight = hanner nos
date-long = { $weekday } { $day } { $month } { $year }
month-1 = Ionawr
month-2 = Chwefror
month-3 = Mawrth
month-4 = Ebrill
month-5 = Mai
month-6 = Mehefin
month-7 = Gorffennaf
month-8 = Awst
month-9 = Medi
month-10 = Hydref
month-11 = Tachwedd
month-12 = Rhagfyr

## Get in touch
git-heading = Cysylltu
git-intro = Gallwch chi siarad â'r { $name } heb roi eich enw.
git-call = Ffoniwch am ddim ar
git-status-open = Ar agor nawr, tan { $time }.
git-status-closed = Ar gau nawr.
git-status-closed-today = Ar gau heddiw: { $reason }.
git-opens-today = Mae'n agor heddiw am { $time }.
git-opens-tomorrow = Mae'n agor yfory am { $time }.
git-opens-on = Mae'n agor ar { $day } am { $time }.
git-status-zone = Mae'r amseroedd agor yng nghylchfa amser { $zone }.
git-hours-heading = Oriau agor
git-hours-day = Diwrnod
git-hours-times = Amseroedd
git-hours-closed = Ar gau
git-hours-to = { $start } tan { $end }
git-closures-heading = Diwrnodau pan fydd y llinell gymorth ar gau
git-when-closed = Tra bydd y llinell gymorth ar gau, gallwch chi gael help o hyd:
git-what-happens = Beth sy'n digwydd pan fyddwch chi'n ffonio
git-confidentiality = Cyfrinachedd a'i derfynau
git-other-ways = Ffyrdd eraill o gysylltu â ni
git-live-chat = Sgwrsio ar-lein
git-email = Anfon e-bost
git-message-intro = Os byddai'n well gennych chi beidio â ffonio, gallwch chi ysgrifennu at y llinell gymorth o'r wefan hon. Does dim angen cyfeiriad e-bost na chyfrif arnoch chi: rydych chi'n cadw cod ac yn dod yn ôl yma i ddarllen yr ateb.

## Urgent help
crisis-heading = Help brys
crisis-intro = Os ydych chi'n poeni am beth allai ddigwydd nawr, gall y gwasanaethau hyn helpu.
crisis-emergency-heading = Mewn argyfwng
crisis-lines-heading = Os ydych chi'n teimlo wedi'ch llethu neu'n anniogel
crisis-helpline-heading = I siarad am eich meddyliau neu eich ymddygiad
crisis-helpline-text = Mae'r { $name } yn gyfrinachol. Does dim rhaid i chi roi eich enw.
call = Ffoniwch { $phone }

## Errors
not-found-heading = Heb ddod o hyd i'r dudalen
not-found-text = Doedden ni ddim yn gallu dod o hyd i'r dudalen honno. Efallai ei bod wedi symud.
error-heading = Mae'n ddrwg gennym, aeth rhywbeth o'i le
error-text = Mae problem gyda'r wefan. Rhowch gynnig arall arni ymhen ychydig funudau. Os oes angen i chi siarad â rhywun nawr, mae'r rhifau isod yn dal i weithio.

## Privacy
privacy-heading = Preifatrwydd
privacy-intro = Fe wnaethon ni adeiladu'r wefan hon er mwyn i chi allu ei defnyddio heb i neb, gan gynnwys ni, wybod pwy ydych chi. Mae'r dudalen hon yn dweud yn union beth sy'n cael ei gadw a beth sydd ddim.
privacy-pass-on-heading = Pan fydd rhaid i'r llinell gymorth roi rhywbeth i eraill
privacy-pass-on-intro = Does dim byd ar y wefan hon yn dangos pwy ydych chi. Os byddwch chi'n dweud rhywbeth wrth y llinell gymorth sy'n dangos pwy ydych chi neu pwy yw plentyn, mae'r gyfraith ar ei roi i eraill yn dibynnu ar ble rydych chi'n byw:
privacy-not-stored-heading = Beth dydyn ni ddim yn ei gadw
privacy-not-ip = Dydyn ni ddim yn cofnodi eich cyfeiriad IP, enw eich porwr neu eich dyfais, na'r dudalen y daethoch chi ohoni. Does dim un o'r rhain yn cael ei ysgrifennu mewn unrhyw log na chronfa ddata.
privacy-not-cookies = Nid yw'r wefan hon yn gosod cwcis, ac nid yw'n gofyn i chi gofrestru na mewngofnodi.
privacy-not-third-party = Mae pob rhan o bob tudalen yn dod o'r wefan hon. Does dim hysbysebion, dim tracio, dim botymau cyfryngau cymdeithasol, a dim ffontiau na sgriptiau gan gwmnïau eraill, felly does dim cwmni arall yn dysgu eich bod wedi ymweld.
privacy-not-js = Mae'r wefan yn gweithio'n llawn heb JavaScript. Mae ei hunig sgript, sy'n dod o'r wefan hon, yn gwneud i'r botwm "gadael y wefan hon yn gyflym" dynnu'r dudalen hon o fotwm yn ôl eich porwr hefyd, ac yn agor yr enghreifftiau pan fyddwch chi'n argraffu modiwl.
privacy-not-worksheets = Mae'r hyn rydych chi'n ei deipio mewn taflen waith yn mynd yn syth i'ch PDF ac yna'n cael ei anghofio. Nid yw byth yn cael ei gadw, ei gofnodi na'i gyfrif, ac nid yw'r PDF yn cael ei gadw ar y gweinydd. Dim ond un rydyn ni'n ei ychwanegu at gyfrif dyddiol o'r taflenni gwaith a wnaed, heb ddweud pa un.
privacy-stored-heading = Beth mae'r gweinydd yn ei gadw
privacy-stored-content = Testun y modiwlau, a chofnod o bob fersiwn o'r testun hwnnw a gyhoeddwyd. Nid yw hyn yn dweud dim am ymwelwyr.
privacy-stored-errors = Os aiff rhywbeth o'i le y tu mewn i'r gweinydd, mae'n cofnodi neges gwall dechnegol. Nid yw'r neges honno byth yn cynnwys dim amdanoch chi.
privacy-stored-limits = Er mwyn atal pobl rhag dyfalu codau arolygon a sgyrsiau, mae'r gweinydd yn cyfrif ymdrechion am ychydig funudau yn ei gof. Nid yw byth yn cadw eich cyfeiriad: dim ond ffurf wedi'i sgramblo ohono mae'n ei chadw, wedi'i gwneud â chyfrinach sy'n newid bob dydd a byth yn cael ei hysgrifennu i lawr.
privacy-stored-log-off = Nid yw'r gweinydd yn cadw cofnod o'r tudalennau yr ymwelwyd â nhw: mae ei log ceisiadau wedi'i ddiffodd.
privacy-stored-log-on = Mae'r sefydliad hwn wedi troi log ceisiadau'r gweinydd ymlaen. Mae pob llinell yn dal math y cais yn unig, cyfeiriad y dudalen (gydag unrhyw ran gyfrinachol, fel dolen gofrestru, wedi'i disodli, a dim byd o gwbl ar gyfer cyfeiriad nad yw'n bodoli), a oedd yn gweithio a pha mor hir a gymerodd: byth pwy ofynnodd. Mae log system y cyfrifiadur yn ychwanegu'r amser yr ysgrifennwyd pob llinell.
privacy-stored-survey = Os byddwch chi'n cymryd rhan yn yr arolwg: eich atebion, yr iaith y gwnaethoch chi ateb ynddi, y dyddiad (byth yr amser) y gwnaethoch chi eu hanfon, a pha fersiwn o'r wefan a ddefnyddioch chi. Mae cyfeiriadau e-bost, rhifau ffôn a chyfeiriadau gwe yn cael eu tynnu o atebion ysgrifenedig cyn iddyn nhw gael eu cadw. Mae arolwg rydych chi'n ei gadw ar gyfer nes ymlaen yn cael ei gadw am { $days } diwrnod; dim ond gyda'ch cod y gellir dod o hyd iddo eto, ac rydyn ni'n cadw'r cod hwnnw mewn ffurf wedi'i sgramblo na ellir ei throi'n ôl yn god. Os cewch chi god ar gyfer yr arolwg dilynol, mae'r un ffurf wedi'i sgramblo yn cael ei chadw wrth ymyl eich atebion er mwyn gallu cymharu eich atebion cyntaf a'ch atebion diweddarach; nid yw'n dweud pwy ydych chi, a does dim byd arall yn eu cysylltu. Diwedd cod dilynol yw'r rhif y mae eich atebion cyntaf wedi'u cadw oddi tano, er mwyn i ni allu dod o hyd iddyn nhw; mae gweddill y cod yn profi mai chi piau nhw.
privacy-stored-messages = Os byddwch chi'n anfon neges at y llinell gymorth: eich negeseuon a'n hatebion, yr enw dewisol rydych chi'n ei roi, iaith y tudalennau y gwnaethoch chi ysgrifennu ohonyn nhw, a dyddiad (byth amser) pob un o'ch negeseuon. Mae eich negeseuon a'ch enw wedi'u cloi ag allwedd sy'n cael ei chadw y tu allan i'r gronfa ddata, felly ni ellir darllen copi o'r gronfa ddata ar ei ben ei hun. Mae cod eich sgwrs yn cael ei gadw mewn ffurf wedi'i sgramblo yn unig na ellir ei throi'n ôl yn god. Mae sgwrs yn cael ei dileu { $days } diwrnod ar ôl ei neges olaf, neu ar unwaith pan fyddwch chi'n ei dileu. Mae gweithredoedd ymarferwyr eu hunain, fel pryd gwnaethon nhw ateb, yn cael eu cofnodi gyda'r amser, oherwydd staff ydyn nhw, nid ymwelwyr; nid yw'r cofnod byth yn dal beth ysgrifennodd unrhyw un.
privacy-stored-usage = Cyfrifon o ba mor aml mae pethau'n digwydd, wedi'u hadio fesul diwrnod: sawl gwaith y darllenwyd pob tudalen modiwl ac y lawrlwythwyd pob PDF modiwl, sawl taflen waith a wnaed, sawl arolwg a agorwyd, a ddechreuwyd ac a orffennwyd, sawl arolwg a gadwyd na chafodd byth ei orffen, a sawl gwaith yr edrychwyd ar y dudalen "Cysylltu". Rhif yn unig yw cyfrif: nid yw'n dweud dim am bwy, ym mha drefn, nac ar ba amser. Nid yw'r botwm "gadael y wefan hon yn gyflym" byth yn cael ei gyfrif.
privacy-tradeoff-heading = Beth wnaethon ni ddewis peidio â'i wneud
privacy-tradeoff = Dydyn ni ddim yn cofio pa mor bell rydych chi wedi mynd drwy'r rhaglen. Byddai gwneud hynny'n gofyn am gwci neu gyfrif, a allai ddangos pwy ydych chi. Os ydych chi eisiau dod yn ôl at fodiwl, gallwch chi roi nod tudalen arno, ond gallai unrhyw un sy'n defnyddio eich dyfais weld y nod tudalen.
privacy-device-heading = Aros yn breifat ar y ddyfais hon
privacy-device-intro = Allwn ni ddim gweld eich dyfais, ond efallai y gall pobl eraill sy'n ei defnyddio. Gall y camau hyn helpu.
privacy-device-history = Hanes: mae eich porwr yn cofio'r tudalennau rydych chi'n ymweld â nhw. Defnyddiwch bori preifat (sydd weithiau'n cael ei alw'n incognito), neu dilëwch y wefan hon o'ch hanes pan fyddwch chi'n gorffen.
privacy-device-private = Pori preifat: mae ffenestr breifat yn anghofio'r tudalennau y buoch chi arnyn nhw pan fyddwch chi'n ei chau. Nid yw'n cuddio eich ymweliad rhag eich darparwr rhyngrwyd na rhwydwaith cyflogwr.
privacy-device-shared = Dyfeisiau a rennir: os ydych chi'n rhannu ffôn neu gyfrifiadur, allgofnodwch o'r porwr, caewch bob ffenestr pan fyddwch chi'n gorffen, a defnyddiwch y botwm "gadael y wefan hon yn gyflym" os daw rhywun i mewn.
privacy-device-cache = Mae'r wefan hon yn gofyn i'ch porwr beidio â chadw copïau o'i thudalennau, felly dydyn nhw ddim yn cael eu cadw i neb ddod o hyd iddyn nhw yn nes ymlaen. Mae hyn yn gwneud i dudalennau lwytho ychydig yn arafach eto; fe wnaethon ni ddewis eich preifatrwydd yn hytrach na chyflymder.
privacy-device-downloads = Lawrlwythiadau: mae ffeil rydych chi'n ei lawrlwytho yn aros yn eich ffolder lawrlwythiadau nes i chi ei dileu. Mae gan ein ffeiliau enwau niwtral, fel module-2.pdf, ond mae eu cynnwys yn ymwneud â'r rhaglen hon.

## General pages

nav-privacy = Preifatrwydd
not-found-home = Mynd i'r hafan
module-number = Modiwl { $number }
module-case-hint = Agorwch yr enghraifft i'w darllen.
entry-heading = Cyn i chi ddechrau
footer-emergency = Os yw plentyn mewn perygl ar hyn o bryd, ffoniwch { $number }.
cross-site-heading = Daeth y ffurflen hon o wefan arall
cross-site-text = Er eich diogelwch, dim ond ffurflenni sy'n cael eu hanfon o dudalennau'r wefan hon rydyn ni'n eu derbyn, felly chafodd dim byd ei gadw na'i anfon. Os oeddech chi'n bwriadu defnyddio'r wefan hon, ewch yn ôl i'w thudalen ac anfon y ffurflen oddi yno.
codes-paused = Mae llawer o godau anghywir wedi cael eu rhoi ar y wefan hon yn ystod y munudau diwethaf, felly rydyn ni wedi oedi cyn gwirio codau am ychydig er mwyn cadw atebion a sgyrsiau pawb yn ddiogel. Mae eich cod chi'n dal i weithio: rhowch gynnig arall arni ymhen 10 munud, neu ffoniwch y llinell gymorth.
pdf-page = Tudalen
pdf-failed-heading = Mae'n ddrwg gennym, dydy'r PDF hwn ddim ar gael
pdf-failed-text = Doedd dim modd creu PDF y modiwl hwn. Gallwch chi ddarllen y modiwl ar y wefan hon o hyd, neu argraffu'r dudalen o'ch porwr.

## Worksheets

worksheet-title = Taflen waith
worksheet-back = Yn ôl i'r modiwl
worksheet-download = Lawrlwytho fy atebion fel PDF
worksheet-never-stored = Dydy eich atebion byth yn cael eu cadw, eu cofnodi na'u cyfrif: maen nhw'n mynd yn syth i'ch PDF ac yna'n cael eu hanghofio.
worksheet-pdf-note = Dim ond chi sydd â'r copi hwn: chafodd eich atebion mo'u cadw yn unman.
worksheet-errors-heading = Gwiriwch eich atebion
worksheet-fix-heading = Mae angen newid rhywbeth ar eich taflen waith
worksheet-fix-text = Does dim byd wedi'i gadw. Mae eich atebion isod er mwyn i chi allu eu cywiro a rhoi cynnig arall arni.
worksheet-busy-heading = Prysur ar hyn o bryd
worksheet-busy-text = Mae llawer o bobl yn creu PDFs ar hyn o bryd. Rhowch gynnig arall arni ymhen munud. Mae eich atebion isod, a does dim byd wedi'i gadw.
worksheet-failed-heading = Mae'n ddrwg gennym, doedd dim modd creu'r PDF
worksheet-failed-text = Aeth rhywbeth o'i le wrth greu eich PDF. Does dim byd wedi'i gadw. Mae eich atebion isod er mwyn i chi allu rhoi cynnig arall arni.
worksheet-too-large-heading = Mae eich atebion yn rhy hir
worksheet-too-large-text = Roedd yr hyn a anfonoch chi'n rhy fawr i'w ddarllen, felly doedd dim modd i ni ei gadw. Ysgrifennwch atebion byrrach a rhoi cynnig arall arni.
worksheet-error-choice = Dydy'r dewis hwn ddim yn un o'r opsiynau.
worksheet-error-encoding = Doedd dim modd darllen rhywfaint o'r testun. Teipiwch ef eto.
worksheet-error-repeated = Cafodd yr ateb hwn ei anfon ddwywaith.
worksheet-error-too-long = Mae'r ateb hwn yn rhy hir. Gwnewch ef yn fyrrach.
worksheet-error-too-many = Anfonodd y ffurflen fwy o atebion nag sydd ganddi o gwestiynau.
worksheet-error-unknown-field = Anfonodd y ffurflen rywbeth nad oedden ni'n ei ddisgwyl, felly gwnaethon ni ei adael allan.

## Surveys

survey-heading = Helpwch ni i wella'r wefan hon
survey-minutes = Mae hyn yn cymryd tua { $minutes } munud.
survey-start = Dechrau'r arolwg
survey-consent-needed = Ticiwch y blwch i ddweud eich bod yn cytuno cyn i chi ddechrau.
survey-not-available = Dydy'r arolwg ddim ar gael ar hyn o bryd.
survey-page-of = Tudalen { $number } o { $total }
survey-required = gofynnol
survey-other = Arall, dywedwch beth:
survey-or = neu
survey-only-if = Atebwch hwn dim ond os dewisoch chi { $choices } uchod.
survey-honeypot = Gadewch hwn yn wag
survey-free-text-note = Peidiwch ag enwi unrhyw un nac unrhyw le. Mae manylion cyswllt (cyfeiriadau e-bost, rhifau ffôn, cyfeiriadau gwe) yn cael eu tynnu cyn i'ch ateb gael ei gadw. Does neb yn darllen atebion mewn pryd i ymateb: os oes angen help arnoch chi nawr, ffoniwch y llinell gymorth, ffoniwch 999 os yw plentyn mewn perygl, neu ffoniwch y Samariaid ar 116 123.
survey-next = Nesaf
survey-back = Yn ôl
survey-save = Cadw a pharhau yn nes ymlaen
survey-submit = Anfon fy atebion
survey-change = Newid yr atebion hyn
survey-review-heading = Gwiriwch eich atebion
survey-review-text = Dyma bopeth a atebwyd gennych chi. Gallwch chi newid unrhyw dudalen cyn i chi ei anfon.
survey-done-heading = Diolch
survey-done-text = Mae eich atebion wedi cael eu hanfon. Diolch am ein helpu i wneud y wefan hon yn well.
survey-quick-done = Diolch. Mae eich atebion yn ein helpu i wella pob modiwl.
survey-young-heading = Diolch am eich diddordeb
survey-young-text = Mae'r arolwg hwn ar gyfer oedolion, felly dydyn ni ddim wedi cadw dim un o'ch atebion. Os ydych chi o dan 18 ac yn poeni am eich meddyliau neu eich ymddygiad eich hun, mae help ar gael i bobl ifanc.
survey-safety-heading = Os ydych chi mewn cysylltiad â phlentyn nawr
survey-safety-stop = Stopiwch nawr. Peidiwch ag ateb y plentyn, a pheidiwch â threfnu cyfarfod. Gall siarad â rhywun eich helpu i stopio, a does dim angen eich enw ar y llinell gymorth.
survey-safety-carry-on = Gallwch chi barhau â'r cwestiynau isod. Mae eich atebion yn aros yn ddienw.
survey-code-heading = Eich cod i barhau yn nes ymlaen
survey-code-only-way = Ysgrifennwch y cod hwn neu ei lawrlwytho. Dyma'r unig ffordd yn ôl at eich atebion: dydyn ni ddim yn gwybod pwy ydych chi, felly does neb yn gallu ei adfer i chi. Mae eich atebion yn cael eu cadw am { $days } diwrnod.
survey-code-download = Lawrlwytho'r cod fel ffeil destun
survey-code-file = Eich cod i barhau â'r arolwg yn nes ymlaen: { $code }
survey-code-file-follow-up = Eich cod ar gyfer yr arolwg dilynol (gweler y dyddiad ar y dudalen ddiolch): { $code }
survey-code-label = Eich cod
survey-code-hint = Does dim ots am briflythrennau, bylchau na llinellau bach.
survey-code-unreadable = Doedd dim modd i ni ddarllen y cod hwnnw. Gwiriwch ef a rhoi cynnig arall arni.
survey-continue-now = Parhau nawr
survey-resume = Parhau
survey-resume-heading = Parhau â'r arolwg
survey-resume-link = Mae gen i god i barhau o'r man lle stopiais i
survey-bad-code = Doedd dim modd i ni ddod o hyd i atebion ar gyfer y cod hwnnw. Gwiriwch ef a rhoi cynnig arall arni. Mae codau'n stopio gweithio { $days } diwrnod ar ôl iddyn nhw gael eu creu.
survey-expired = Mae'r sesiwn arolwg hon wedi dod i ben. Os gwnaethoch chi gadw cod, gallwch chi barhau gydag ef; fel arall, gallwch chi ddechrau eto.
survey-draft-unreadable-heading = Does dim modd i ni agor eich atebion sydd wedi'u cadw
survey-draft-unreadable-text = Aeth rhywbeth o'i le gyda'r atebion a gadwyd hyd yma, felly does dim modd i ni eu dangos. Rydyn ni wedi nodi'r broblem, ond dim byd amdanoch chi. Dechreuwch yr arolwg eto.
survey-follow-up-heading = Arolwg dilynol byr ymhen { $weeks } wythnos
survey-follow-up-link = Rydw i wedi ateb o'r blaen ac mae gen i god dilynol
survey-follow-up-code-label = Eich cod dilynol
survey-follow-up-bad-code = Doedd dim modd i ni ddod o hyd i arolwg gorffenedig ar gyfer y cod hwnnw. Gwiriwch ef a rhoi cynnig arall arni.
survey-follow-up-done = Rydych chi eisoes wedi ateb yr arolwg dilynol gyda'r cod hwn. Diolch.
survey-follow-up-not-yet = Mae eich arolwg dilynol yn agor ar { $date }. Dewch yn ôl bryd hynny gyda'r un cod.
survey-follow-up-new-code = Ar { $date } neu ar ôl hynny, dewch yn ôl ac ateb yr un cwestiynau eto, er mwyn i ni allu gweld beth sydd wedi newid. Er mwyn cysylltu eich dwy set o atebion heb wybod pwy ydych chi, cadwch y cod hwn. Dyma'r unig gysylltiad rhyngddyn nhw: dydyn ni ddim yn gwybod pwy ydych chi, felly does neb yn gallu ei adfer i chi.
survey-follow-up-saved-code = Ar { $date } neu ar ôl hynny, dewch yn ôl ac ateb yr un cwestiynau eto, er mwyn i ni allu gweld beth sydd wedi newid. Cadwch y cod a gadwoch chi i barhau: mae bellach yn cysylltu eich dwy set o atebion, heb i neb wybod pwy ydych chi.
survey-full = Mae gormod o arolygon ar y gweill ar hyn o bryd. Rhowch gynnig arall arni yn nes ymlaen.
survey-too-large = Roedd yr hyn a anfonoch chi'n rhy fawr i'w ddarllen, felly chafodd dim byd ei newid: mae'r atebion a gadwoch chi o'r blaen yno o hyd. Ysgrifennwch atebion byrrach.
survey-too-many-quick = Mae llawer o atebion wedi cael eu hanfon o'r fan hon. Rhowch gynnig arall arni yn nes ymlaen.
survey-too-many-starts = Mae llawer o arolygon wedi cael eu dechrau o'r fan hon. Rhowch gynnig arall arni yn nes ymlaen.
survey-too-many-tries = Mae gormod o godau wedi cael eu rhoi o'r fan hon. Arhoswch 10 munud a rhoi cynnig arall arni.
survey-unavailable-heading = Does dim modd i ni gadw atebion arolwg ar hyn o bryd
survey-unavailable-text = Dydy'r wefan ddim yn gallu cyrraedd y man lle mae'n cadw atebion arolwg. Dydy'r hyn a anfonoch chi y tro hwn ddim wedi'i gadw, ond mae unrhyw beth a gadwoch chi o'r blaen yn ddiogel. Ewch yn ôl a rhoi cynnig arall arni ymhen ychydig funudau. Os oes angen i chi siarad â rhywun nawr, mae'r rhifau isod yn dal i weithio.
survey-error-required = Atebwch y cwestiwn hwn.
survey-error-option = Dewiswch un o'r opsiynau.
survey-error-number = Rhowch rif cyfan yn yr ystod a ddangosir.
survey-error-too-long = Mae'r ateb hwn yn rhy hir. Gwnewch ef yn fyrrach.
survey-error-repeated = Cafodd y cwestiwn hwn ei ateb ddwywaith.
survey-error-encoding = Doedd dim modd darllen rhywfaint o'r testun. Teipiwch ef eto.
survey-error-page = Dydy'r dudalen honno ddim yn rhan o'r arolwg hwn.
survey-error-unknown-field = Anfonodd y ffurflen rywbeth nad oedden ni'n ei ddisgwyl, felly gwnaethon ni ei adael allan.

## The urge page

urge-page-title = Eiliad i oedi
urge-delay-heading = Arhoswch { $minutes } munud
urge-delay-fallback = Gosodwch amserydd am { $minutes } munud, neu gwyliwch gloc. Mae ysfaoedd yn codi ac yna'n gostwng.
urge-delay-again = Dechrau'r cyfrif i lawr eto
urge-talk-heading = Siaradwch â rhywun nawr
urge-contents = Ar y dudalen hon

## "Where do I start?"

self-check-link = Ble ydw i'n dechrau?
self-check-invite = Ddim yn siŵr ble i ddechrau? Atebwch ychydig o gwestiynau ac fe wnawn ni awgrymu'r modiwlau a'r help sy'n gweddu orau i chi. Does dim byd rydych chi'n ei ddewis yn cael ei gadw.
self-check-skip = Byddai'n well gen i beidio â dweud
self-check-submit = Dangos i mi ble i ddechrau
self-check-nothing-kept = Mae eich atebion yn cael eu defnyddio i greu'r dudalen nesaf ac yna'n cael eu hanghofio. Dydyn ni ddim yn eu cadw nac yn eu hysgrifennu mewn unrhyw gofnod.
self-check-empty = Atebwch o leiaf un cwestiwn. Gallwch chi hepgor y lleill.
self-check-changed = Doedd dim modd darllen rhai atebion. Dewiswch nhw eto.
self-check-result-title = Ble i ddechrau
self-check-result-heading = Ble i ddechrau
self-check-urgent-heading = Cael help nawr
self-check-urgent-more = Rhagor o help brys
self-check-steps-heading = Eich camau nesaf
self-check-step-call = Ffoniwch { $name }
self-check-step-urge = Tudalen i'ch helpu drwy ysfa gref, gyda chyfrif i lawr a phethau i'w gwneud yn lle hynny.
self-check-step-card = Ysgrifennwch eich arwyddion rhybudd a'r hyn y byddwch chi'n ei wneud yn lle hynny, a chadwch y cerdyn gyda chi.
self-check-step-messages = Ysgrifennwch at y llinell gymorth heb roi eich enw na'ch cyfeiriad e-bost.
self-check-result-not-kept = Dydyn ni ddim wedi cadw eich atebion. Os byddwch chi'n gadael y dudalen hon, byddan nhw wedi mynd. Gallwch chi lawrlwytho'r camau hyn fel PDF i'w cadw.
self-check-pdf = Lawrlwytho'r camau hyn (PDF)
self-check-pdf-note = Mae'r ffeil yn rhestru'r tudalennau a awgrymwyd i chi. Cadwch hi yn rhywle preifat.
self-check-pdf-title = Ble i ddechrau
self-check-pdf-failed = Aeth rhywbeth o'i le wrth greu'r PDF. Mae eich camau ar y dudalen hon o hyd: rhowch gynnig arall arni.
self-check-pdf-busy = Mae llawer o PDFs yn cael eu creu ar hyn o bryd. Rhowch gynnig arall arni ymhen munud.
self-check-change = Newid eich atebion
self-check-module-end = Ddim yn siŵr pa fodiwl i'w ddarllen nesaf? Atebwch ychydig o gwestiynau ac fe wnawn ni awgrymu ble i fynd.
self-check-start = Atebwch ychydig o gwestiynau

## The coping card

card-page-title = Fy nghynllun
card-title = Fy nghynllun
card-heading = Gwneud cerdyn ymdopi
card-intro = Ysgrifennwch ychydig eiriau o dan bob pennawd, yna lawrlwythwch gerdyn i'w gadw yn eich waled neu i'w argraffu ar dudalen. Darllenwch ef pan fydd pethau'n anodd. Defnyddiwch eiriau sy'n golygu rhywbeth i chi; does dim rhaid i chi lenwi pob blwch.
card-warning-signs = Fy arwyddion rhybudd
card-instead = Beth y bydda i'n ei wneud yn lle hynny
card-call = Pwy y galla i eu ffonio
card-reasons = Fy rhesymau dros stopio
card-nothing-kept = Does dim byd rydych chi'n ei ysgrifennu yma yn cael ei gadw: mae'r cerdyn yn cael ei greu pan fyddwch chi'n gofyn amdano, a dim ond chi sydd ag ef.
card-download-wallet = Lawrlwytho cerdyn waled (PDF)
card-download-a4 = Lawrlwytho tudalen lawn (PDF)
card-empty = Ysgrifennwch rywbeth mewn o leiaf un blwch.
card-too-long = Mae un o'r blychau'n rhy hir. Gwnewch ef yn fyrrach, hyd at 400 nod.
card-failed = Aeth rhywbeth o'i le wrth greu eich cerdyn. Mae'r hyn a ysgrifennoch chi yma o hyd: rhowch gynnig arall arni.
card-busy = Mae llawer o gardiau a thaflenni gwaith yn cael eu creu ar hyn o bryd. Mae'r hyn a ysgrifennoch chi yma o hyd: rhowch gynnig arall arni ymhen munud.
card-link = Gwneud cerdyn ymdopi i'w gadw gyda chi

## Calendar reminders

reminder-page-title = Nodyn atgoffa yn y calendr
reminder-heading = Ychwanegu nodyn atgoffa at eich calendr
reminder-intro = Lawrlwythwch ffeil calendr ar gyfer diwrnod rydych chi'n ei ddewis, gyda rhybudd y bore hwnnw. Does dim byd yn cael ei gadw yma: mae'r ffeil yn cael ei chreu pan fyddwch chi'n gofyn amdani, a dim ond eich calendr chi sydd â hi. Dewiswch eiriau sy'n golygu rhywbeth i chi yn unig: mae calendrau'n aml yn cael eu rhannu neu eu cysoni â dyfeisiau eraill.
reminder-on = Diwrnod
reminder-title = Teitl
reminder-default-title = Nodyn atgoffa
reminder-description = Nodyn (dewisol)
reminder-description-hint = Yn cael ei ddangos yn eich calendr. Gadewch allan unrhyw beth na fyddech chi eisiau i rywun arall ei weld.
reminder-download = Lawrlwytho'r ffeil calendr
reminder-bad-date = Dewiswch ddiwrnod rhwng heddiw a blwyddyn i heddiw.
reminder-too-large = Roedd yr hyn a anfonoch chi'n rhy fawr i'w ddarllen. Rhowch gynnig arall arni gyda nodyn byrrach.
reminder-too-many = Mae llawer o nodiadau atgoffa wedi cael eu creu o'r fan hon. Arhoswch ychydig funudau a rhoi cynnig arall arni.
reminder-link = Ychwanegu nodyn atgoffa at eich calendr

## Messages to the helpline

messages-write-heading = Anfon neges at y llinell gymorth
messages-write-lead = Ysgrifennwch yn eich geiriau eich hun. Does dim angen i chi roi eich enw, a gallwch chi stopio unrhyw bryd.
messages-before-heading = Cyn i chi ysgrifennu
messages-who-reads = Mae eich neges yn cael ei darllen gan ymarferwyr hyfforddedig y llinell gymorth, yr un bobl sy'n ateb y ffôn. Does neb arall yn gallu ei darllen.
messages-reply-by = Ein nod yw ateb o fewn { $days } diwrnod gwaith, felly erbyn { $date }. Dewch yn ôl bryd hynny gyda'ch cod.
messages-reply-by-unknown = Ein nod yw ateb o fewn { $days } diwrnod gwaith.
messages-keep = Mae eich sgwrs yn cael ei dileu { $days } diwrnod ar ôl y neges olaf ynddi. Gallwch chi ei dileu eich hun yn gynt.
messages-no-account = Does dim angen cyfrif na chyfeiriad e-bost arnoch chi. Dydyn ni ddim yn defnyddio cwcis, a dydyn ni ddim yn cofnodi eich cyfeiriad IP.
messages-text-label = Eich neges
messages-text-hint = Hyd at { $max } nod. Peidiwch â chynnwys eich enw, eich cyfeiriad, eich rhif ffôn na'ch cyfeiriad e-bost.
messages-nickname-label = Enw cyntaf neu lysenw (dewisol)
messages-nickname-hint = Er mwyn i ni wybod beth i'ch galw chi. Rydyn ni'n awgrymu enw wedi'i wneud i fyny, nid eich enw go iawn.
messages-under-18 = Rydw i o dan 18
messages-send = Anfon y neges
messages-send-edited = Gwirio eto ac anfon
messages-send-anyway = Ei hanfon fel y mae
messages-warning-heading = Efallai fod manylion yn eich neges sy'n dangos pwy ydych chi
messages-warning-text = Mae rhannau o'ch neges yn edrych fel manylion cyswllt, fel cyfeiriad e-bost, rhif ffôn, cyfeiriad stryd neu gyfeiriad gwe. Rydyn ni wedi'u marcio isod. Dydyn ni ddim wedi newid dim byd.
messages-warning-choice = Gallwch chi newid eich neges yn y blwch isod a'i hanfon, neu ei hanfon fel y mae. Os byddwch chi'n anfon manylion sy'n dangos pwy ydych chi, bydd yr ymarferydd yn eu gweld, ac mae'r terfynau ar gyfrinachedd yn berthnasol.
messages-kind-email = cyfeiriad e-bost posibl
messages-kind-web = cyfeiriad gwe posibl
messages-kind-phone = rhif ffôn posibl
messages-problem-empty = Ysgrifennwch eich neges cyn ei hanfon.
messages-problem-too-long = Mae eich neges yn { $chars } nod o hyd. Cadwch hi at { $max } nod, neu anfonwch hi mewn dwy ran.
messages-problem-nickname = Cadwch yr enw at { $max } nod.
messages-kind-street-address = cyfeiriad stryd posibl
messages-sent-heading = Mae eich neges wedi cael ei hanfon
messages-sent-lead = Dyma eich cod ar gyfer y sgwrs hon. Mae ei angen arnoch chi i ddarllen ein hateb.
messages-code-only-way = Ysgrifennwch y cod hwn neu ei lawrlwytho. Dyma'r unig ffordd yn ôl at eich sgwrs: dydyn ni ddim yn gwybod pwy ydych chi, felly does neb yn gallu ei adfer i chi.
messages-code-file = Eich cod i ddarllen yr ateb i'ch neges: { $code }
messages-reminder-heading = Nodyn atgoffa (dewisol)
messages-reminder-text = Gallwch chi lawrlwytho nodyn atgoffa calendr ar gyfer y diwrnod rydyn ni'n anelu at ateb erbyn hynny, neu ddiwrnod arall. Dim ond y teitl a'r nodyn rydych chi'n eu dewis isod sydd ynddo: nid enw'r wefan hon, nid eich cod, nid eich neges.
messages-read-link = Darllen ateb gyda'ch cod
messages-read-heading = Darllen eich sgwrs
messages-read-lead = Teipiwch y cod a gawsoch chi pan anfonoch chi eich neges gyntaf.
messages-read-button = Agor fy sgwrs
messages-bad-code = Doedd dim modd i ni ddod o hyd i sgwrs ar gyfer y cod hwnnw. Gwiriwch ef a rhoi cynnig arall arni. Mae sgyrsiau'n cael eu dileu { $days } diwrnod ar ôl eu neges olaf.
messages-too-many-tries = Mae gormod o godau wedi cael eu rhoi o'ch cysylltiad chi. Arhoswch ddeg munud a rhoi cynnig arall arni, neu ffoniwch y llinell gymorth.
messages-unsent-label = Eich neges, heb ei hanfon eto (copïwch hi os ydych chi eisiau ei chadw)
messages-conversation-heading = Eich sgwrs
messages-you = Chi
messages-practitioner = Ymarferydd y llinell gymorth
messages-reply-label = Ysgrifennu'n ôl
messages-reply-sent = Mae eich neges wedi cael ei hanfon.
messages-too-many-today = Rydych chi wedi anfon { $n } neges yn y sgwrs hon heddiw, sef y nifer fwyaf ar gyfer un diwrnod. Ysgrifennwch eto yfory, neu ffoniwch y llinell gymorth.
messages-delete = Dileu'r sgwrs hon nawr
messages-delete-heading = Dileu'r sgwrs hon?
messages-delete-lead = Mae hyn yn tynnu pob neges ynddi, eich rhai chi a'n rhai ni, ar unwaith. Does neb yn gallu ei darllen wedyn, a does dim modd dadwneud hyn.
messages-delete-confirm = Ydw, dileu hi nawr
messages-delete-cancel = Na, ei chadw
messages-deleted-heading = Mae eich sgwrs wedi cael ei dileu
messages-deleted-lead = Mae pob neges ynddi wedi cael ei thynnu. Gallwch chi ysgrifennu aton ni eto unrhyw bryd.
messages-busy-heading = Does dim modd i ni dderbyn negeseuon newydd ar hyn o bryd
messages-busy-text = Mae cymaint o sgyrsiau ar agor fel nad oes modd i ni dderbyn un newydd ar hyn o bryd. Dydy eich neges ddim wedi cael ei hanfon, ac mae hi'n cael ei chadw isod er mwyn i chi allu ei chopïo. Rhowch gynnig arall arni yn nes ymlaen, neu ffoniwch y llinell gymorth.
messages-too-many-writes = Mae sawl neges wedi cael eu dechrau o'ch cysylltiad chi yn ystod yr awr ddiwethaf. Dydy eich neges ddim wedi cael ei hanfon, ac mae hi'n cael ei chadw isod. Rhowch gynnig arall arni yn nes ymlaen, neu ffoniwch y llinell gymorth.
messages-not-emergencies = Nid yw hwn ar gyfer argyfyngau
messages-gone-heading = Dydy'r sgwrs hon ddim yma mwyach
messages-gone-text = Mae hi wedi cael ei dileu, gennych chi neu am ei bod wedi cyrraedd diwedd yr amser rydyn ni'n cadw sgyrsiau.
messages-title = Anfon neges
messages-write-button = Ysgrifennu neges

transparency-log-on = Mae log ceisiadau'r gweinydd ymlaen: mae'n cofnodi cyfeiriad pob tudalen y gofynnwyd amdani, a weithiodd hi, faint o amser gymerodd hi, a (o log y system) pryd. Dydy e byth yn cofnodi pwy ofynnodd. Gweler y dudalen preifatrwydd.
transparency-heading = Sut mae'r wefan hon yn cael ei defnyddio
transparency-intro = Dyma'r unig ffigurau rydyn ni'n eu cadw am sut mae'r wefan yn cael ei defnyddio: sawl gwaith y digwyddodd pob math o beth, wedi'u hadio fesul diwrnod. Dydyn ni byth yn cadw pwy wnaeth e, beth arall wnaethon nhw edrych arno, na faint o'r gloch oedd hi.
transparency-how = Mae'r tabl yn dangos misoedd cyfan yn unig, felly dydy ffigurau mis byth yn newid ar ôl iddyn nhw ymddangos yma.
transparency-small = Mae unrhyw rif o dan { $n } yn cael ei ddangos fel "llai na { $n }", er mwyn i neb allu cael ei adnabod o rif bach.
transparency-none = Does dim misoedd cyfan i'w dangos eto.
transparency-caption = Cyfansymiau fesul mis
transparency-month = Mis
transparency-messages-heading = Negeseuon i'r llinell gymorth
transparency-messages-intro = Sawl sgwrs a ddechreuwyd ar y wefan hon bob mis, sawl un a gafodd ei hateb cyntaf y mis hwnnw, a'r nifer canol o ddiwrnodau y bu pobl yn aros am ateb cyntaf (arhosodd hanner yn llai, a hanner yn hirach; dim ond pan ysgrifennodd digon o bobl i beidio â phwyntio at neb y caiff ei ddangos).
transparency-messages-caption = Sgyrsiau fesul mis
transparency-messages-started = Sgyrsiau a ddechreuwyd
transparency-messages-answered = Atebion cyntaf a anfonwyd
transparency-messages-median = Nifer canolrif y diwrnodau tan ateb cyntaf
usage-fewer-than = llai na { $n }
usage-module-view = Tudalennau modiwl a ddarllenwyd
usage-module-pdf = PDFs modiwl a lawrlwythwyd
usage-worksheet-pdf = PDFs taflen waith a wnaed
usage-survey-invitation = Cyflwyniadau arolwg a agorwyd
usage-survey-started = Arolygon a ddechreuwyd
usage-survey-completed = Arolygon a gwblhawyd
usage-survey-abandoned = Arolygon a adawyd heb eu gorffen nes i'r atebion a gadwyd ddod i ben
usage-get-in-touch-view = Sawl gwaith yr edrychwyd ar y dudalen "Cysylltu â ni"
usage-self-check-completed = Canlyniadau "Ble ydw i'n dechrau?" a roddwyd
