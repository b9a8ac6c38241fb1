"""The relation cases (issue 24): who did what, scores, numbers bound to what they count, negations,
quotes' speakers and decimal marks, with faithful paraphrases, inflections, fractions, lower-cased and
other-language summaries that must not be flagged. Written by a helper session that had not seen the
check's code, before the relation rules, and run once blind; every case says why its label holds.
`tests/consistency_cases.py` writes them to `summarizer/data/consistency_cases_relations.jsonl`.
"""

OK, BAD = True, False

# article id -> (language, where its text is)
ARTICLES = {
    "en-derby": ("en", "tests/data/relations/en-derby.txt"),
    "en-council": ("en", "tests/data/relations/en-council.txt"),
    "en-takeover": ("en", "tests/data/relations/en-takeover.txt"),
    "fr-rugby": ("fr", "tests/data/relations/fr-rugby.txt"),
    "de-fernwaerme": ("de", "tests/data/relations/de-fernwaerme.txt"),
    "es-huelga": ("es", "tests/data/relations/es-huelga.txt"),
    "ru-hockey": ("ru", "tests/data/relations/ru-hockey.txt"),
    "ar-buses": ("ar", "tests/data/relations/ar-buses.txt"),
    "zh-basketball": ("zh", "tests/data/relations/zh-basketball.txt"),
    "hi-cricket": ("hi", "tests/data/relations/hi-cricket.txt"),
    "pt-eleicao": ("pt", "tests/data/relations/pt-eleicao.txt"),
    "it-volley": ("it", "tests/data/relations/it-volley.txt"),
    "ja-gappei": ("ja", "tests/data/relations/ja-gappei.txt"),
}

# (article id, summary, consistent?, kind)
CASES = [
    # (article id, one summary (1-2 sentences), consistent?, kind)

    # === en-derby ===============================================================================
    ("en-derby", "Millbrook Rovers beat Harbour City 3-1 at Kestrel Park on Sunday.", BAD,
     "swapped sides"),  # why: Harbour City beat Millbrook Rovers 3-1
    ("en-derby", "Harbour City beat Millbrook Rovers 1-3 at Kestrel Park on Sunday.", BAD,
     "score reversed"),  # why: Harbour City won 3-1; 1-3 puts the winner's score below the loser's
    ("en-derby", "A crowd of 2,400 watched the match at Kestrel Park.", BAD,
     "number moved"),  # why: crowd was 41,250; 2,400 was the number of away tickets
    ("en-derby", "Dani Osei scored twice in the first half, but not from corners.", BAD,
     "negation added"),  # why: Osei scored twice, "both times from corners"
    ("en-derby", "Graham Tully said the referee did help Millbrook.", BAD,
     "negation dropped"),  # why: Tully said "The referee did not help us either"
    ("en-derby", "“We gave away two goals from set pieces, and you cannot do that in a derby,” said Harbour City manager Paula Verhoef.", BAD,
     "quote speaker"),  # why: Millbrook's Graham Tully said this, not Verhoef
    ("en-derby", "harbour city beat millbrook rovers 3-1, with tomas reyna scoring twice.", BAD,
     "lower case bad"),  # why: Dani Osei scored twice; Tomas Reyna scored Millbrook's only goal
    ("en-derby", "A 3-1 victory over their derby opponents gives Harbour City a four-point cushion at the summit of the Northern League.", OK,
     "paraphrase"),  # why: won 3-1, "four points clear at the top of the Northern League"
    ("en-derby", "Osei's two first-half goals and Markham's stoppage-time strike gave Harbour City the derby.", OK,
     "inflection"),  # why: Osei scored twice in the first half, Markham sealed the win in stoppage time
    ("en-derby", "Millbrook sold only half of the 2,400 tickets they were given for away fans.", OK,
     "fraction"),  # why: given 2,400 away tickets, sold only 1,200
    ("en-derby", "A crowd of 41250 watched the match, the biggest at the ground this season.", OK,
     "decimal form"),  # why: "A crowd of 41,250 watched the match, the biggest at the ground this season"
    ("en-derby", "harbour city beat millbrook rovers 3-1 at kestrel park, with dani osei scoring twice.", OK,
     "lower case"),  # why: same facts as the article, only lower-cased
    ("en-derby", "Paula Verhoef said Dani Osei “is in the form of his life”.", OK,
     "quote speaker ok"),  # why: Verhoef: "Dani is in the form of his life"

    # === en-council =============================================================================
    ("en-council", "Port Selwyn filed a lawsuit against the Port Selwyn Drivers' Union, accusing it of breaking a 2021 agreement on overtime pay.", BAD,
     "swapped sides"),  # why: the union sued the city, accusing the city of breaking the agreement
    ("en-council", "Port Selwyn's city council voted 9 to 31 to freeze bus fares at £1.80.", BAD,
     "score reversed"),  # why: the vote was 31 to 9 in favour; 9 to 31 would mean it failed
    ("en-council", "Bus fares will be frozen at £1.80 for the next three years.", BAD,
     "number moved"),  # why: frozen for two years; "three years" is how long drivers have waited for overtime money
    ("en-council", "Councillor Robert Lyle, who leads the opposition group, did not vote against the freeze.", BAD,
     "negation added"),  # why: Lyle "voted against"
    ("en-council", "Maria Costa said the lawsuit was connected to the fare vote.", BAD,
     "negation dropped"),  # why: Costa said the lawsuit "was not connected to the fare vote"
    ("en-council", "“This is a promise the city cannot afford,” said Mayor Helen Achebe.", BAD,
     "quote speaker"),  # why: Councillor Robert Lyle said this; Achebe proposed the freeze
    ("en-council", "Councillors backed the mayor's proposal to hold ticket prices for two years by a wide margin, despite warnings of a multimillion-pound gap in transport funding.", OK,
     "paraphrase"),  # why: mayor proposed the freeze, passed 31 to 9, leaves a £4.2 million hole in the transport budget
    ("en-council", "The union says a third of its 900 members are owed overtime money.", OK,
     "fraction"),  # why: about 300 of its 900 members are owed money under the overtime agreement
    ("en-council", "The freeze could leave a £4,200,000 hole in the transport budget.", OK,
     "decimal form"),  # why: warnings of a £4.2 million hole in the transport budget
    ("en-council", "Maria Costa, the union's general secretary, said drivers were “asking for what was signed”.", OK,
     "quote speaker ok"),  # why: Costa: "we are asking for what was signed"
    ("en-council", "port selwyn's council voted 31 to 9 to keep bus fares at £1.80 for two years.", OK,
     "lower case"),  # why: voted 31 to 9 to freeze fares at £1.80 for the next two years
    ("en-council", "Mayor Helen Achebe's plan was approved a day after the drivers' union sued the city.", OK,
     "inflection"),  # why: Achebe proposed the freeze; vote came a day after the union filed a lawsuit against the city

    # === en-takeover ============================================================================
    ("en-takeover", "Brenner Dairy has agreed to buy its rival Talvik Foods for $640 million in cash.", BAD,
     "swapped sides"),  # why: Talvik is buying Brenner
    ("en-takeover", "Brenner's board approved the offer by two votes to seven.", BAD,
     "score reversed"),  # why: approved by seven votes to two
    ("en-takeover", "Talvik will pay $32 a share, a premium of 18 percent over Brenner's closing price on Friday.", BAD,
     "number moved"),  # why: premium is 25 percent; 18 percent is Ivo Brenner's stake
    ("en-takeover", "Ivo Brenner, who still owns 18 percent of the shares, did not vote for the sale.", BAD,
     "negation added"),  # why: Ivo Brenner "voted for the sale"
    ("en-takeover", "Talvik said it would cut jobs at Brenner's headquarters in Elmfield.", BAD,
     "negation dropped"),  # why: Talvik said it "would not cut jobs" at the Elmfield headquarters
    ("en-takeover", "“When two buyers become one, the farmer always loses,” said Ivo Brenner.", BAD,
     "quote speaker"),  # why: farmers' leader Janet Okoro said this
    ("en-takeover", "Once regulators sign off, which could take as long as nine months, the all-cash purchase will form the nation's number-two dairy business.", OK,
     "paraphrase"),  # why: cash deal, needs competition regulator approval (up to nine months), creates the second-largest dairy group
    ("en-takeover", "Talvik is paying a quarter more per share than Brenner's closing price on Friday.", OK,
     "fraction"),  # why: $32 a share, a premium of 25 percent over Friday's close
    ("en-takeover", "Under Talvik's plan, Brenner's 12 plants will stay open for at least two years.", OK,
     "inflection"),  # why: Talvik would keep all 12 plants open for at least two years
    ("en-takeover", "Talvik's chief executive Susan Marr said the deal “is about growth, not about closing factories.”", OK,
     "quote speaker ok"),  # why: Marr: "This is about growth, not about closing factories."
    ("en-takeover", "Talvik Foods kauft den kleineren Konkurrenten Brenner Dairy für 640 Millionen Dollar in bar; die Wettbewerbsbehörde muss noch zustimmen.", OK,
     "other language"),  # why: German summary; Talvik buys smaller rival Brenner for $640m cash, needs regulator approval

    # === fr-rugby ===============================================================================
    ("fr-rugby", "L'US Castelmont a battu le Stade vellerois 27 à 19 samedi soir au stade des Tilleuls.", BAD,
     "swapped sides"),  # why: the Stade vellerois beat Castelmont 27-19
    ("fr-rugby", "Le Stade vellerois a battu l'US Castelmont 27 à 19 après avoir mené 19 à 3 à la pause.", BAD,
     "score reversed"),  # why: the Stade was trailing 3-19 at half-time ("après avoir été mené 3 à 19")
    ("fr-rugby", "L'ouvreur Julien Marchetti a inscrit 19 points, dont un essai à la 64e minute.", BAD,
     "number moved"),  # why: Marchetti scored 17 points; 19 is Castelmont's score
    ("fr-rugby", "Julien Marchetti n'a pas inscrit d'essai ; Karim Benali a marqué les deux essais vellerois.", BAD,
     "negation added"),  # why: Marchetti scored a try in the 64th minute; Benali scored the two other tries
    ("fr-rugby", "Julien Marchetti, touché à l'épaule, est certain de participer au match du 12 avril à Castelmont.", BAD,
     "negation dropped"),  # why: he "n'est pas certain d'y participer"
    ("fr-rugby", "« Ce n'est pas une question de physique, c'est une question de tête », a déclaré Philippe Roussel.", BAD,
     "quote speaker"),  # why: Castelmont coach Didier Fabre said this; Roussel is the Stade's coach
    ("fr-rugby", "La rénovation de la tribune nord, d'un coût de 25 millions d'euros, commencera en juin.", BAD,
     "decimal mark"),  # why: the cost is 2,5 millions d'euros (2.5 million)
    ("fr-rugby", "le stade vellerois a battu castelmont 27 à 19 devant 12 400 spectateurs ; karim benali a inscrit 17 points.", BAD,
     "lower case bad"),  # why: Julien Marchetti scored 17 points; Benali scored two tries
    ("fr-rugby", "Menés de seize points à la mi-temps, les Vellerois ont renversé Castelmont et sont de nouveau leaders du championnat.", OK,
     "paraphrase"),  # why: trailed 3-19 at half-time (16 points), won, reprend la première place
    ("fr-rugby", "La ville paiera la moitié des 2,5 millions d'euros de la rénovation de la tribune nord.", OK,
     "fraction"),  # why: renovation costs 2,5 millions; the city funds 1,25 million
    ("fr-rugby", "La rénovation de la tribune nord coûtera 2 500 000 euros et commencera en juin.", OK,
     "decimal form"),  # why: "d'un coût de 2,5 millions d'euros, commencera en juin"
    ("fr-rugby", "le stade vellerois a battu castelmont 27 à 19 grâce à julien marchetti et karim benali.", OK,
     "lower case"),  # why: won 27-19; Marchetti scored 17 points and Benali two tries
    ("fr-rugby", "Selon Philippe Roussel, « c'est tout le groupe qui a gagné ce soir ».", OK,
     "quote speaker ok"),  # why: Roussel: "Julien a été immense, mais c'est tout le groupe qui a gagné ce soir."
    ("fr-rugby", "Der Stade vellerois hat die US Castelmont mit 27:19 geschlagen, obwohl er zur Pause mit 3:19 zurücklag.", OK,
     "other language"),  # why: German summary; won 27-19 after trailing 3-19 at half-time

    # === de-fernwaerme ==========================================================================
    ("de-fernwaerme", "Nordtherm hatte die Stadt Wendelbach im Frühjahr 2023 verklagt.", BAD,
     "swapped sides"),  # why: the city sued Nordtherm in spring 2023
    ("de-fernwaerme", "Im Stadtrat stimmten damals 17 Ratsmitglieder für die Klage, 24 dagegen.", BAD,
     "score reversed"),  # why: 24 voted for the lawsuit, 17 against
    ("de-fernwaerme", "Betroffen sind rund 2.800 Haushalte in den Stadtteilen Kirchberg und Auenfeld.", BAD,
     "number moved"),  # why: about 1.200 households; 2.800 Euro is the average refund per household
    ("de-fernwaerme", "Nordtherm hatte die Preise jedes Jahr um 25 Prozent stärker erhöht, als der Vertrag erlaubte.", BAD,
     "decimal mark"),  # why: 2,5 Prozent (2.5 percent) more per year
    ("de-fernwaerme", "Im Gespräch ist eine Erstattung von durchschnittlich 2,8 Euro pro Haushalt.", BAD,
     "decimal mark"),  # why: 2.800 Euro (two thousand eight hundred), not 2,8 Euro
    ("de-fernwaerme", "Nordtherm-Geschäftsführer Thomas Engel kündigte an, nicht in Berufung zu gehen.", BAD,
     "negation added"),  # why: Engel announced he WILL appeal ("kündigte an, in Berufung zu gehen")
    ("de-fernwaerme", "Nach eigenen Angaben hat Nordtherm Rücklagen für eine Rückzahlung gebildet.", BAD,
     "negation dropped"),  # why: Nordtherm says it has formed "keine Rücklagen"
    ("de-fernwaerme", "„Ich freue mich über das Urteil, aber fertig sind wir noch lange nicht“, sagte Oberbürgermeisterin Katrin Vollmer.", BAD,
     "quote speaker"),  # why: Jürgen Haas (Freie Wähler) said this
    ("de-fernwaerme", "das landgericht oberau gab wendelbach recht; nordtherm-geschäftsführer jürgen haas kündigte an, in berufung zu gehen.", BAD,
     "lower case bad"),  # why: the Nordtherm managing director is Thomas Engel; Haas leads the Freie Wähler group
    ("de-fernwaerme", "Der Fernwärmeanbieter wurde verurteilt, Wendelbach mehrere Millionen Euro zu erstatten, will den Richterspruch aber anfechten.", OK,
     "paraphrase"),  # why: must pay back 3,4 Millionen Euro; Engel will appeal
    ("de-fernwaerme", "Nordtherm muss 3.400.000 Euro an Wendelbach zurückzahlen.", OK,
     "decimal form"),  # why: 3,4 Millionen Euro
    ("de-fernwaerme", "Rund 1200 Haushalte in Kirchberg und Auenfeld sind betroffen.", OK,
     "decimal form"),  # why: "rund 1.200 Haushalte in den Stadtteilen Kirchberg und Auenfeld"
    ("de-fernwaerme", "Das Urteil des Landgerichts Oberau verpflichtet den Versorger Nordtherm, der Stadt Wendelbach 3,4 Millionen Euro zurückzuzahlen.", OK,
     "inflection"),  # why: the Landgericht Oberau ruled Nordtherm must pay back 3,4 Millionen Euro to the city
    ("de-fernwaerme", "das landgericht oberau hat entschieden, dass nordtherm der stadt wendelbach 3,4 millionen euro zurückzahlen muss.", OK,
     "lower case"),  # why: same facts as the lead, lower-cased
    ("de-fernwaerme", "Le tribunal régional d'Oberau a condamné le fournisseur Nordtherm à rembourser 3,4 millions d'euros à la ville de Wendelbach, qui l'avait poursuivi en 2023.", OK,
     "other language"),  # why: French summary; the city sued Nordtherm in 2023 and won 3,4 Mio. Euro

    # === es-huelga ==============================================================================
    ("es-huelga", "El sindicato había ofrecido al principio solo un 2 %.", BAD,
     "swapped sides"),  # why: it was the company (la empresa) that first offered only 2 %
    ("es-huelga", "En la votación, 203 empleados votaron a favor y 812 en contra.", BAD,
     "score reversed"),  # why: 812 for, 203 against
    ("es-huelga", "Telaris emplea a 812 personas en Puerto Almendro.", BAD,
     "number moved"),  # why: Telaris employs 1.250 people; 812 is the number who voted for the deal
    ("es-huelga", "El director general reconoció que la huelga había costado a la compañía unos 24 millones de euros.", BAD,
     "decimal mark"),  # why: unos 2,4 millones de euros (2.4 million)
    ("es-huelga", "La producción no se reanudará el lunes.", BAD,
     "negation added"),  # why: "La producción se reanudará el lunes"
    ("es-huelga", "Según la empresa, habrá despidos y los días de huelga se descontarán de las vacaciones.", BAD,
     "negation dropped"),  # why: "no habrá despidos y los días de huelga no se descontarán"
    ("es-huelga", "«Nadie gana con una huelga», dijo la portavoz del sindicato, Lucía Herrera.", BAD,
     "quote speaker"),  # why: director general Esteban Iriarte said this
    ("es-huelga", "los trabajadores de telaris aprobaron el acuerdo, que prevé una subida del 3 % este año y un pago único de 600 euros.", BAD,
     "lower case bad"),  # why: the rise is 4,5 % this year; 3 % is for 2025
    ("es-huelga", "Tras más de tres semanas de paro, la plantilla de Telaris respaldó en votación el pacto salarial con la empresa.", OK,
     "paraphrase"),  # why: the strike lasted 23 days; workers approved the wage agreement in a vote
    ("es-huelga", "Cuatro de cada cinco votantes respaldaron el acuerdo.", OK,
     "fraction"),  # why: 812 for and 203 against: 812 of 1.015 = 80 %
    ("es-huelga", "Las subidas salariales pactadas son del 4,5 % este año y del 3 % en 2025.", OK,
     "inflection"),  # why: "una subida salarial del 4,5 % este año y del 3 % en 2025"
    ("es-huelga", "Según Esteban Iriarte, la huelga costó a Telaris unos 2.400.000 euros.", OK,
     "decimal form"),  # why: unos 2,4 millones de euros
    ("es-huelga", "Ramón Ortega advirtió: «Volveremos a hablar de esto en otoño».", OK,
     "quote speaker ok"),  # why: Ortega said "Volveremos a hablar de esto en otoño"
    ("es-huelga", "Workers at the Telaris textile plant voted 812 to 203 to accept a pay deal, ending a 23-day strike.", OK,
     "other language"),  # why: English summary; 812 for, 203 against, strike had lasted 23 days

    # === ru-hockey ==============================================================================
    ("ru-hockey", "«Горняк» обыграл «Ледокол» со счётом 4:2 и впервые вышел в финал лиги.", BAD,
     "swapped sides"),  # why: Ledokol beat Gornyak 4:2 and reached the final
    ("ru-hockey", "«Ледокол» победил «Горняк» со счётом 2:4 в седьмом матче полуфинальной серии.", BAD,
     "score reversed"),  # why: Ledokol won 4:2
    ("ru-hockey", "Вратарь «Ледокола» Никита Басов отразил 33 броска.", BAD,
     "number moved"),  # why: he saved 31 of 33 shots; 33 is the total number of shots
    ("ru-hockey", "Хоккейный клуб «Ледокол» из Северогорска не впервые вышел в финал лиги.", BAD,
     "negation added"),  # why: "впервые в истории вышел в финал лиги" (first time ever)
    ("ru-hockey", "Перед серией «Ледокол» считался фаворитом.", BAD,
     "negation dropped"),  # why: "«Ледокол» не считался фаворитом"
    ("ru-hockey", "«Честно, я и сейчас не верю, что мы это сделали», — сказал главный тренер «Ледокола» Виктор Самойлов.", BAD,
     "quote speaker"),  # why: forward Artyom Zuev said this, not coach Samoylov
    ("ru-hockey", "По данным клуба, выход в финал принесёт «Ледоколу» около 15 млн рублей призовых.", BAD,
     "decimal mark"),  # why: около 1,5 млн рублей (1.5 million)
    ("ru-hockey", "В регулярном чемпионате «Ледокол» проиграл «Горняку» три четверти матчей.", OK,
     "fraction"),  # why: lost three of four regular-season games to Gornyak
    ("ru-hockey", "Два гола Зуева и шайбы Крылова и Гарипова принесли «Ледоколу» победу над «Горняком».", OK,
     "inflection"),  # why: Zuev scored two, Krylov and Garipov one each; Ledokol beat Gornyak 4:2
    ("ru-hockey", "Выход в финал принесёт клубу около полутора миллионов рублей призовых.", OK,
     "decimal form"),  # why: около 1,5 млн рублей
    ("ru-hockey", "По словам Виктора Самойлова, ребята сыграли «ради всего города».", OK,
     "quote speaker ok"),  # why: Samoylov: "Сегодня ребята сыграли не ради себя, а ради всего города"
    ("ru-hockey", "«ледокол» обыграл «горняк» 4:2, два гола забросил артём зуев.", OK,
     "lower case"),  # why: Ledokol won 4:2; Zuev scored two goals
    ("ru-hockey", "Ledokol beat Gornyak 4-2 in game seven of the semi-final series and reached the league final for the first time.", OK,
     "other language"),  # why: English summary; 4:2 in the seventh semi-final game, first final in club history

    # === ar-buses ===============================================================================
    ("ar-buses", "أقرّ المجلس البلدي لمدينة الزهراء مشروع الحافلات الكهربائية بأغلبية 7 أصوات مقابل 18 صوتاً.", BAD,
     "score reversed"),  # why: approved by 18 votes to 7
    ("ar-buses", "صوّت المجلس البلدي لصالح مشروع لتشغيل 65 حافلة كهربائية في شوارع المدينة.", BAD,
     "number moved"),  # why: 40 electric buses; 65 is the number of old buses
    ("ar-buses", "تدفع البلدية منها 8 ملايين دينار، فيما تدفع وزارة النقل الباقي على ثلاث سنوات.", BAD,
     "swapped sides"),  # why: the ministry pays 8 million; the municipality pays the rest (4 million) over three years
    ("ar-buses", "قال سامي الحداد إن المناقصة لن تُطرح قبل نهاية الصيف.", BAD,
     "negation added"),  # why: al-Haddad said the tender WILL be issued before the end of summer
    ("ar-buses", "أوضح كريم العلي أن الحافلات القديمة البالغ عددها 65 حافلة ستُسحب دفعة واحدة.", BAD,
     "negation dropped"),  # why: the old buses "لن تُسحب دفعة واحدة، بل على مراحل" (not all at once, in stages)
    ("ar-buses", "وقال رئيس البلدية سامي الحداد: «نحن لسنا ضد الحافلات، نحن ضد التسرّع».", BAD,
     "quote speaker"),  # why: opposition councillor Laila Mansour said this
    ("ar-buses", "تدفع وزارة النقل ثلثي كلفة المشروع البالغة 12 مليون دينار.", OK,
     "fraction"),  # why: the ministry pays 8 million of the 12 million dinars (two thirds)
    ("ar-buses", "ستدرّب شركة النقل البلدية السائقين الـ120 على قيادة الحافلات الجديدة، ولن يفقد أيّ منهم عمله.", OK,
     "inflection"),  # why: Karim al-Ali: no driver will lose his job, 120 drivers will be trained on the new buses
    ("ar-buses", "رغم تحفّظ المعارضة، وافقت بلدية الزهراء على خطة لأسطول من أربعين حافلة تسير بالكهرباء.", OK,
     "paraphrase"),  # why: council approved 40 electric buses despite opposition objections
    ("ar-buses", "وصف سامي الحداد يوم التصويت بأنه «يوم تاريخي للمدينة».", OK,
     "quote speaker ok"),  # why: al-Haddad after the vote: "هذا يوم تاريخي للمدينة"
    ("ar-buses", "Al-Zahraa's council approved 40 electric buses by 18 votes to 7; the transport ministry pays 8 million of the 12 million dinar cost.", OK,
     "other language"),  # why: English summary; 40 buses, 18-7 vote, ministry pays 8 of 12 million dinars

    # === zh-basketball ==========================================================================
    ("zh-basketball", "江宁飞鹰队以98比91战胜青川猛虎队，晋级联赛总决赛。", BAD,
     "swapped sides"),  # why: Qingchuan beat Jiangning 98-91
    ("zh-basketball", "青川猛虎队以91比98战胜江宁飞鹰队，进入联赛总决赛。", BAD,
     "score reversed"),  # why: Qingchuan won 98-91
    ("zh-basketball", "猛虎队后卫陈家豪全场拿下27分、8次助攻。", BAD,
     "number moved"),  # why: Chen scored 31 points; 27 is Marcus Bell's total
    ("zh-basketball", "飞鹰队主教练刘振东表示，他不为队员们感到骄傲。", BAD,
     "negation added"),  # why: Liu said "我为队员们感到骄傲" (I am proud of the players)
    ("zh-basketball", "马库斯·贝尔在第四节因伤离场，此后又回到了场上。", BAD,
     "negation dropped"),  # why: after leaving injured he "没有再回到场上" (did not return)
    ("zh-basketball", "陈家豪在赛后说：“我们今天不是靠运气赢的，是靠防守赢的。”", BAD,
     "quote speaker"),  # why: head coach Wang Haifeng said this, not Chen Jiahao
    ("zh-basketball", "猛虎队本赛季门票收入约2400万元，比上赛季增长了一半。", OK,
     "fraction"),  # why: 2400万元 this season vs 1600万元 last season (+50%)
    ("zh-basketball", "本场比赛共有1.26万名观众到场。", OK,
     "decimal form"),  # why: 12600名观众
    ("zh-basketball", "凭借陈家豪的31分，猛虎队在主场力克飞鹰，八年来首次重返总决赛。", OK,
     "paraphrase"),  # why: Chen 31 points, home win, back in the finals after eight years
    ("zh-basketball", "王海峰称，球队“是靠防守赢的”。", OK,
     "quote speaker ok"),  # why: Wang: "我们今天不是靠运气赢的，是靠防守赢的。"
    ("zh-basketball", "Qingchuan Menghu beat Jiangning Feiying 98-91 at home, winning the semi-final series 3-1 and reaching the league finals for the first time in eight years.", OK,
     "other language"),  # why: English summary of the lead paragraph

    # === hi-cricket =============================================================================
    ("hi-cricket", "सूरजपुर स्ट्राइकर्स ने रामगढ़ रॉयल्स को 23 रन से हराकर पहली बार खिताब अपने नाम किया।", BAD,
     "swapped sides"),  # why: Ramgarh Royals beat Surajpur Strikers by 23 runs
    ("hi-cricket", "पहले बल्लेबाज़ी करते हुए रॉयल्स ने 163 रन बनाए, जवाब में स्ट्राइकर्स की पूरी टीम 186 रन पर आउट हो गई।", BAD,
     "score reversed"),  # why: Royals made 186/5, Strikers were all out for 163
    ("hi-cricket", "उपविजेता टीम को 50 लाख रुपये का इनाम मिला।", BAD,
     "number moved"),  # why: the runner-up got 25 lakh; 50 lakh went to the winners
    ("hi-cricket", "अमन वर्मा ने कहा कि रॉयल्स पिछले साल फाइनल नहीं हारे थे।", BAD,
     "negation added"),  # why: Verma: "हम पिछले साल फाइनल हार गए थे" (we lost the final last year)
    ("hi-cricket", "अर्जुन मेहता को ‘सर्वश्रेष्ठ बल्लेबाज़’ चुना गया और उनकी टीम ने ट्रॉफी भी जीती।", BAD,
     "negation dropped"),  # why: "उनकी टीम ट्रॉफी नहीं जीत सकी" (his team could not win the trophy)
    ("hi-cricket", "अमन वर्मा ने कहा, “हमने तीन आसान कैच छोड़े। फाइनल में ऐसी गलतियाँ माफ़ नहीं होतीं।”", BAD,
     "quote speaker"),  # why: Strikers coach Vinod Sharma said this
    ("hi-cricket", "उपविजेता स्ट्राइकर्स को विजेता रॉयल्स की आधी इनामी राशि मिली।", OK,
     "fraction"),  # why: 25 lakh for the runner-up vs 50 lakh for the winner
    ("hi-cricket", "कप्तान अमन वर्मा के 74 रनों और रोहित सैनी के 3 विकेटों की बदौलत रॉयल्स ने फाइनल जीता।", OK,
     "inflection"),  # why: Verma 74 runs, Saini 3 wickets, Royals won the final
    ("hi-cricket", "विजेता टीम को 50,00,000 रुपये का इनाम मिला।", OK,
     "decimal form"),  # why: 50 लाख रुपये = 50,00,000 in Indian grouping
    ("hi-cricket", "रामगढ़ की टीम ने पहली बार प्रदेश लीग की ट्रॉफी उठाई, क्योंकि सूरजपुर की टीम 186 रनों का पीछा नहीं कर पाई।", OK,
     "paraphrase"),  # why: first title; Strikers were all out for 163 chasing 186
    ("hi-cricket", "विनोद शर्मा के मुताबिक उनकी टीम ने “तीन आसान कैच छोड़े”।", OK,
     "quote speaker ok"),  # why: Sharma: "हमने तीन आसान कैच छोड़े।"
    ("hi-cricket", "Ramgarh Royals beat Surajpur Strikers by 23 runs in the state league final to win the title for the first time.", OK,
     "other language"),  # why: English summary of the lead

    # === pt-eleicao =============================================================================
    ("pt-eleicao", "Jorge Abreu derrotou Marta Quintela na eleição para a prefeitura de Vila Nova do Sal.", BAD,
     "swapped sides"),  # why: Quintela defeated Abreu
    ("pt-eleicao", "Quintela obteve 41,8% dos votos válidos, contra 52,4% de Abreu.", BAD,
     "score reversed"),  # why: Quintela 52,4%, Abreu 41,8%
    ("pt-eleicao", "Dos 38.600 eleitores inscritos, 13.450 compareceram às urnas.", BAD,
     "number moved"),  # why: 27.020 turned out; 13.450 is Quintela's vote count
    ("pt-eleicao", "Quintela prometeu reduzir em 15 pontos percentuais a taxa de iluminação pública.", BAD,
     "decimal mark"),  # why: 1,5 ponto percentual (1.5 points)
    ("pt-eleicao", "Jorge Abreu não reconheceu a derrota.", BAD,
     "negation added"),  # why: "Abreu reconheceu a derrota pouco depois das 22h"
    ("pt-eleicao", "Abreu afirmou que vai recorrer do resultado.", BAD,
     "negation dropped"),  # why: Abreu: "Não vou recorrer de nada"
    ("pt-eleicao", "“Quem ganhou foi a abstenção”, declarou Jorge Abreu.", BAD,
     "quote speaker"),  # why: third-placed Caio Lins said this
    ("pt-eleicao", "Sete em cada dez eleitores inscritos foram às urnas.", OK,
     "fraction"),  # why: 27.020 of 38.600 registered voters = 70%
    ("pt-eleicao", "Quintela recebeu 13,45 mil votos e Abreu, 10,73 mil.", OK,
     "decimal form"),  # why: 13.450 and 10.730 votes
    ("pt-eleicao", "marta quintela venceu jorge abreu em vila nova do sal com 52,4% dos votos válidos.", OK,
     "lower case"),  # why: Quintela beat Abreu with 52,4% of valid votes
    ("pt-eleicao", "Uma engenheira de 39 anos que nunca havia concorrido a um cargo impediu o quinto mandato seguido do prefeito.", OK,
     "paraphrase"),  # why: Quintela, 39, engineer, never ran before; Abreu sought a fifth consecutive term
    ("pt-eleicao", "Marta Quintela ganó la alcaldía de Vila Nova do Sal con el 52,4 % de los votos válidos y puso fin a 16 años de gobierno de Jorge Abreu.", OK,
     "other language"),  # why: Spanish summary; 52,4%, ends Abreu's 16 years

    # === it-volley ==============================================================================
    ("it-volley", "La Riva Azzurra ha battuto la Pallavolo Castelrosso per 3 set a 1 e vola in finale.", BAD,
     "swapped sides"),  # why: Castelrosso beat Riva Azzurra 3-1
    ("it-volley", "La Pallavolo Castelrosso ha battuto la Riva Azzurra per 3 set a 1 (21-25, 25-22, 25-19, 25-17).", BAD,
     "score reversed"),  # why: the first two sets were 25-21 and 22-25 (Castelrosso won the 1st, lost the 2nd)
    ("it-volley", "Bene anche la centrale Sara Colombo con 8 muri.", BAD,
     "number moved"),  # why: Colombo had 5 blocks; 8 is Ferraresi's points in the fourth set
    ("it-volley", "I lavori per ampliare il PalaOlmi, del valore di 28 milioni di euro, inizieranno a luglio.", BAD,
     "decimal mark"),  # why: 2,8 milioni di euro (2.8 million)
    ("it-volley", "Dopo il secondo set, Luca De Santis non pensava che la Riva Azzurra potesse vincere.", BAD,
     "negation added"),  # why: De Santis: "Dopo il secondo set pensavo che potessimo vincere"
    ("it-volley", "Ferraresi è sicura di giocare gara 1 della finale contro la Virtus Lagomare.", BAD,
     "negation dropped"),  # why: "Ferraresi, però, non è sicura di giocare gara 1"
    ("it-volley", "«Non abbiamo giocato la nostra miglior partita», ha detto il tecnico di Riva Azzurra, Luca De Santis.", BAD,
     "quote speaker"),  # why: Castelrosso coach Marco Bellandi said this
    ("it-volley", "Il biglietto per la finale costerà una volta e mezza quello della stagione regolare.", OK,
     "fraction"),  # why: 45 euro vs 30 euro in the regular season (1.5 times)
    ("it-volley", "Al PalaOlmi c'erano 4300 spettatori e l'incasso è stato di 86 mila euro.", OK,
     "decimal form"),  # why: 4.300 spettatori, incasso 86.000 euro
    ("it-volley", "la pallavolo castelrosso ha battuto la riva azzurra 3-1, trascinata dai 24 punti di giulia ferraresi.", OK,
     "lower case"),  # why: won 3-1; Ferraresi 24 points, called decisive
    ("it-volley", "Decisivi i 24 punti della schiacciatrice Giulia Ferraresi e i 5 muri della centrale Sara Colombo.", OK,
     "inflection"),  # why: "Decisiva la schiacciatrice Giulia Ferraresi, autrice di 24 punti"; Colombo 5 muri
    ("it-volley", "Castelrosso a battu Riva Azzurra trois sets à un et affrontera la Virtus Lagomare en finale ; Giulia Ferraresi a marqué 24 points.", OK,
     "other language"),  # why: French summary; 3-1, final vs Virtus Lagomare, Ferraresi 24 points

    # === ja-gappei ==============================================================================
    ("ja-gappei", "西川市は2026年4月に東浜町に編入される予定だ。", BAD,
     "swapped sides"),  # why: Higashihama town is absorbed into Nishikawa city, not the other way round
    ("ja-gappei", "住民投票は賛成3,297票、反対4,812票で、合併案が承認された。", BAD,
     "score reversed"),  # why: 4,812 for, 3,297 against
    ("ja-gappei", "東浜町の年間予算は約84億円に達している。", BAD,
     "number moved"),  # why: 約84億円 is the debt; the annual budget is 約42億円
    ("ja-gappei", "合併後、町役場は市の支所とはならない。", BAD,
     "negation added"),  # why: the town hall will become a branch office of the city (市の支所となる)
    ("ja-gappei", "山口修市長は、支所の職員を減らすと述べた。", BAD,
     "negation dropped"),  # why: Yamaguchi: "支所の職員を減らすつもりはない" (no intention to cut staff)
    ("ja-gappei", "佐藤健一町長は「3千人以上が反対した重みを市は忘れないでほしい」と話した。", BAD,
     "quote speaker"),  # why: opposition leader Takahashi Miwa said this
    ("ja-gappei", "東浜町の借金は年間予算の2倍にのぼる。", OK,
     "fraction"),  # why: debt 約84億円 vs annual budget 約42億円
    ("ja-gappei", "東浜町の人口は約13,000人だ。", OK,
     "decimal form"),  # why: 人口約1万3千人
    ("ja-gappei", "財政難に苦しむ東浜町の有権者は隣の市への吸収を選び、同町は2026年春に西川市の一部となる。", OK,
     "paraphrase"),  # why: financial trouble, voted yes to merger, absorbed into neighbouring Nishikawa in April 2026
    ("ja-gappei", "山口修市長は、支所の職員を「減らすつもりはない」と述べた。", OK,
     "quote speaker ok"),  # why: Yamaguchi: "支所の職員を減らすつもりはない"
    ("ja-gappei", "Residents of Higashihama voted 4,812 to 3,297 to merge the town into neighbouring Nishikawa city in April 2026.", OK,
     "other language"),  # why: English summary; 4,812 for, 3,297 against, absorbed in April 2026
]
