# Welsh (Cymraeg): the strings of the header, the footer, the home page and
# the module pages. Any string not here is shown in English (en-GB).
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
privacy-stored-survey = Os byddwch chi'n cymryd rhan yn yr arolwg: eich atebion, y dyddiad (byth yr amser) y gwnaethoch chi eu hanfon, a pha fersiwn o'r wefan a ddefnyddioch chi. Mae cyfeiriadau e-bost, rhifau ffôn a chyfeiriadau gwe yn cael eu tynnu o atebion ysgrifenedig cyn iddyn nhw gael eu cadw. Mae arolwg rydych chi'n ei gadw ar gyfer nes ymlaen yn cael ei gadw am { $days } diwrnod; dim ond gyda'ch cod y gellir dod o hyd iddo eto, ac rydyn ni'n cadw'r cod hwnnw mewn ffurf wedi'i sgramblo na ellir ei throi'n ôl yn god. Os cewch chi god ar gyfer yr arolwg dilynol, mae'r un ffurf wedi'i sgramblo yn cael ei chadw wrth ymyl eich atebion er mwyn gallu cymharu eich atebion cyntaf a'ch atebion diweddarach; nid yw'n dweud pwy ydych chi, a does dim byd arall yn eu cysylltu.
privacy-stored-messages = Os byddwch chi'n anfon neges at y llinell gymorth: eich negeseuon a'n hatebion, yr enw dewisol rydych chi'n ei roi, a dyddiad (byth amser) pob un o'ch negeseuon. Mae eich negeseuon a'ch enw wedi'u cloi ag allwedd sy'n cael ei chadw y tu allan i'r gronfa ddata, felly ni ellir darllen copi o'r gronfa ddata ar ei ben ei hun. Mae cod eich sgwrs yn cael ei gadw mewn ffurf wedi'i sgramblo yn unig na ellir ei throi'n ôl yn god. Mae sgwrs yn cael ei dileu { $days } diwrnod ar ôl ei neges olaf, neu ar unwaith pan fyddwch chi'n ei dileu. Mae gweithredoedd ymarferwyr eu hunain, fel pryd gwnaethon nhw ateb, yn cael eu cofnodi gyda'r amser, oherwydd staff ydyn nhw, nid ymwelwyr; nid yw'r cofnod byth yn dal beth ysgrifennodd unrhyw un.
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
