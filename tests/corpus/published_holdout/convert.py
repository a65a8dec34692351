import re, sys, subprocess, unicodedata, json
rows=[l.rstrip('\n').split('\t') for l in open('list.tsv',encoding='utf-8')]
repos={'gov':'lawtext/gov','cpc':'lawtext/cpc'}
stats={}
WS=' \t\u3000\u00a0\r'
for n,r,p,t,s,y,g in rows:
    raw=subprocess.run(['git','-C',f'/work/.mirror/lawtext+{r}/repo','show','HEAD:'+p],capture_output=True).stdout.decode('utf-8')
    st={'fm':0,'comments':[],'fn_defs':0,'fn_refs':0,'bold':0,'head':0,'quote':0,'trimmed':0,'dropped_blank':0}
    txt=raw.replace('\r\n','\n')
    if txt.startswith('---\n'):
        end=txt.index('\n---\n',4)
        st['fm']=txt[:end+5].count('\n'); txt=txt[end+5:]
    st['comments']=re.findall(r'<!--(.*?)-->',txt,flags=re.S)
    txt=re.sub(r'<!--.*?-->','',txt,flags=re.S)
    out=[]
    for line in txt.split('\n'):
        if re.match(r'^\[\^[^\]]+\]:',line):
            st['fn_defs']+=1; continue
        k=len(re.findall(r'\[\^[^\]]+\]',line)); st['fn_refs']+=k
        line=re.sub(r'\[\^[^\]]+\]','',line)
        m=re.match(r'^\s{0,3}#{1,6}\s+',line)
        if m: st['head']+=1; line=line[m.end():]
        m=re.match(r'^\s{0,3}>\s?',line)
        if m: st['quote']+=1; line=line[m.end():]
        k=line.count('**'); st['bold']+=k//2
        if k%2: print('ODD ** in',n,line[:60])
        line=line.replace('**','')
        s2=line.strip(WS)
        if s2!=line and s2: st['trimmed']+=1
        if not s2: st['dropped_blank']+=1; continue
        out.append(s2)
    spk=f', {s}' if s else ''
    hdr=f'# source: {repos[r]}/{p} ({t}{spk}, {y})'
    body='\n'.join(out)+'\n'
    open(f'{n}.txt','w',encoding='utf-8').write(hdr+'\n\n'+body)
    st['chars']=len(body.replace('\n',''))
    st['paras']=len(out)
    stats[n]=st
json.dump(stats,open('/tmp/stats.json','w'),ensure_ascii=False,indent=1)
for n,st in stats.items(): print(n,{k:(v if k!='comments' else len(v)) for k,v in st.items()})
